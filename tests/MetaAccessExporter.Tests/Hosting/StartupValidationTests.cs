using System.Diagnostics;

namespace MetaAccessExporter.Tests.Hosting;

/// <summary>The published program as an operator starts it: bad configuration stops it, naming the key.</summary>
public class StartupValidationTests
{
    private static readonly string Exporter = Path.Combine(AppContext.BaseDirectory, "MetaAccessExporter.dll");

    [Theory]
    [InlineData("MetaAccess:PageSize", "--MetaAccess:AccessToken=t", "--MetaAccess:PageSize=51")]
    [InlineData("MetaAccess:PageSize", "--MetaAccess:AccessToken=t", "--MetaAccess:PageSize=0")]
    [InlineData("MetaAccess:RequestsPerMinute", "--MetaAccess:AccessToken=t", "--MetaAccess:RequestsPerMinute=0")]
    [InlineData("MetaAccess:BaseUrl", "--MetaAccess:AccessToken=t", "--MetaAccess:BaseUrl=ftp://example.org")]
    [InlineData("MetaAccess:PollInterval", "--MetaAccess:AccessToken=t", "--MetaAccess:PollInterval=soon")]
    [InlineData("MetaAccess:PollInterval", "--MetaAccess:AccessToken=t", "--MetaAccess:PollInterval=00:00:00")]
    [InlineData("MetaAccess:AccessToken", "--MetaAccess:Account=acme")]
    [InlineData("MetaAccess:ClientSecret", "--MetaAccess:ClientId=id")]
    [InlineData("exclusive", "--MetaAccess:AccessToken=t", "--MetaAccess:ClientId=id", "--MetaAccess:ClientSecret=s")]
    [InlineData("MetaAccess:AccessTokenFile", "--MetaAccess:AccessTokenFile=/nonexistent/token")]
    [InlineData("Exporter:StaleAfter", "--MetaAccess:AccessToken=t", "--Exporter:StaleAfter=7x")]
    [InlineData("Exporter:SaveInterval", "--MetaAccess:AccessToken=t", "--Exporter:SaveInterval=00:00:00")]
    [InlineData("Exporter:MaxLabelValues", "--MetaAccess:AccessToken=t", "--Exporter:MaxLabelValues=1")]
    [InlineData("Enrichment:MaxBudgetShare", "--MetaAccess:AccessToken=t", "--Enrichment:MaxBudgetShare=2")]
    [InlineData("--MetaAccess:PollIntervall", "--MetaAccess:AccessToken=t", "--MetaAccess:PollIntervall=00:01:00")]
    [InlineData("--demoo", "--demoo")]
    public async Task A_bad_option_stops_start_up_naming_the_key(string key, params string[] args)
    {
        var (exitCode, output) = await RunAsync(args);

        exitCode.Should().NotBe(0);
        output.Should().Contain(key);
        output.Should().NotContain("Now listening", "nothing may start with a half-valid configuration");
    }

    [Theory]
    [InlineData("tls_server_config:\n  cert_file: server.pem\n", "tls_server_config.key_file")]
    [InlineData("tls_server_config:\n  cert_file: missing.pem\n  key_file: missing.key\n", "tls_server_config.cert_file")]
    [InlineData("basic_auth_users:\n  alice: hunter2\n", "basic_auth_users.alice")]
    [InlineData("basic_auth_user:\n  alice: x\n", "basic_auth_user")]
    public async Task A_bad_web_configuration_stops_start_up_naming_the_file_and_the_key(string yaml, string key)
    {
        var dir = Directory.CreateTempSubdirectory("metaaccess-webconfig-").FullName;
        try
        {
            var file = Path.Combine(dir, "web.yml");
            await File.WriteAllTextAsync(file, yaml);

            var (exitCode, output) = await RunAsync("--demo", $"--web.config.file={file}");

            exitCode.Should().Be(2);
            output.Should().Contain(file).And.Contain(key).And.NotContain("hunter2");
            output.Should().NotContain("Now listening");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task A_secret_is_never_echoed_in_a_configuration_error()
    {
        var (exitCode, output) = await RunAsync("--MetaAccess:ClientId=id", "--MetaAccess:ClientSecret=TOPSECRET",
            "--MetaAccess:AccessToken=ALSOSECRET");

        exitCode.Should().NotBe(0);
        output.Should().NotContain("TOPSECRET").And.NotContain("ALSOSECRET");
    }

    [Fact]
    public async Task Help_lists_every_option_with_its_default()
    {
        var (exitCode, output) = await RunAsync("--help");

        exitCode.Should().Be(0);
        string[] options =
        [
            "--demo", "--probe", "--urls", "--web.config.file=PATH",
            "--MetaAccess:BaseUrl", "(default: https://gears.opswat.com/)",
            "--MetaAccess:PollInterval", "(default: 00:01:00)",
            "--MetaAccess:RequestsPerMinute", "(default: 10)",
            "--MetaAccess:PageSize", "(default: 50)",
            "--MetaAccess:ClientSecretFile",
            "--Exporter:StatePath", "(default: data/state)",
            "--Exporter:SaveInterval", "(default: 00:05:00)",
            "--Exporter:StaleAfter", "(default: 1d,7d,30d)",
            "--Exporter:MaxLabelValues", "(default: 500)",
            "--Enrichment:RefreshAfter",
            "--Logging:LogLevel:Default", "(default: Information)",
            "--Logging:Console:FormatterName", "json", "read from the working directory",
        ];
        foreach (var expected in options)
            output.Should().Contain(expected);
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetTempPath(),
        };
        info.ArgumentList.Add(Exporter);
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        info.ArgumentList.Add("--urls=http://127.0.0.1:0");
        info.Environment["Exporter__StatePath"] = "";
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"the exporter kept running with {string.Join(' ', args)}: {await stdout}");
        }
        return (process.ExitCode, await stdout + await stderr);
    }
}
