using MetaAccessExporter.Hosting;

namespace MetaAccessExporter.Tests.Hosting;

/// <summary>One table of modules drives --help and the command line: a section added there is known everywhere.</summary>
public class ModuleTableTests
{
    public static TheoryData<string> Options()
    {
        var keys = new TheoryData<string>();
        foreach (var section in ExporterModules.Sections)
        {
            foreach (var property in section.Type.GetProperties().Where(p => p.CanWrite))
                keys.Add($"{section.Name}:{property.Name}");
        }
        return keys;
    }

    [Theory]
    [MemberData(nameof(Options))]
    public void Every_option_of_every_module_is_in_help_and_accepted_on_the_command_line(string key)
    {
        HelpText.Render().Should().Contain($"--{key} ");
        CommandLine.Parse([$"--{key}=x"]).ConfigurationArgs.Should().Equal($"--{key}=x");
        CommandLine.Parse([$"--{key.Replace(":", "__", StringComparison.Ordinal)}", "x"]).ConfigurationArgs.Should().HaveCount(2);
    }

    [Fact]
    public void An_option_no_module_declares_is_refused_with_its_name()
    {
        var parse = () => CommandLine.Parse(["--MetaAccess:PolInterval=00:00:30"]);

        parse.Should().Throw<ArgumentException>().WithMessage("*--MetaAccess:PolInterval*");
    }

    [Fact]
    public void Every_module_with_options_has_its_own_section()
    {
        ExporterModules.Sections.Select(s => s.Name).Should().OnlyHaveUniqueItems()
            .And.BeEquivalentTo(["MetaAccess", "Exporter", "Inventory", "Account", "Enrichment", "Web"]);
    }

    [Fact]
    public void The_default_listen_address_and_probe_use_one_port()
    {
        ListenAddress.DefaultUrl.Should().Be("http://0.0.0.0:9713");
        ListenAddress.DefaultProbeUrl.Should().Be("http://127.0.0.1:9713/healthz");
        HelpText.Render().Should().Contain(ListenAddress.DefaultUrl).And.Contain(ListenAddress.DefaultProbeUrl);
    }
}
