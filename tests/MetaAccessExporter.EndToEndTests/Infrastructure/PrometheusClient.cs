using System.Globalization;
using System.Text.Json;

namespace MetaAccessExporter.EndToEndTests.Infrastructure;

/// <summary>The few calls of Prometheus's HTTP API the live tests need.</summary>
public sealed class PrometheusClient(Uri baseAddress) : IDisposable
{
    public HttpClient Http { get; } = new() { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(15) };

    /// <summary>Runs an instant query; returns the error Prometheus gave, or the result.</summary>
    public async Task<QueryResult> QueryAsync(string promql)
    {
        using var content = new FormUrlEncodedContent([new KeyValuePair<string, string>("query", promql)]);
        using var response = await Http.PostAsync("/api/v1/query", content);
        var body = await response.Content.ReadAsStringAsync();
        using var doc = JsonDocument.Parse(body);
        var root = doc.RootElement;
        if (root.GetProperty("status").GetString() != "success")
        {
            return new QueryResult(promql, $"{root.GetProperty("errorType").GetString()}: {root.GetProperty("error").GetString()}", "", []);
        }

        var data = root.GetProperty("data");
        var type = data.GetProperty("resultType").GetString()!;
        var samples = new List<Sample>();
        switch (type)
        {
            case "vector":
                foreach (var item in data.GetProperty("result").EnumerateArray())
                {
                    samples.Add(new Sample(
                        item.GetProperty("metric").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!),
                        ParseValue(item.GetProperty("value"))));
                }

                break;
            case "scalar":
                samples.Add(new Sample(new Dictionary<string, string>(), ParseValue(data.GetProperty("result"))));
                break;
        }

        return new QueryResult(promql, null, type, samples);
    }

    /// <summary>A query that must succeed and return exactly one sample (e.g. a sum()).</summary>
    public async Task<double?> ScalarAsync(string promql)
    {
        var result = await QueryAsync(promql);
        if (result.Error is not null)
        {
            throw new InvalidOperationException($"{promql}: {result.Error}");
        }

        return result.Samples.Count == 1 ? result.Samples[0].Value : null;
    }

    public async Task<IReadOnlyList<Target>> ActiveTargetsAsync()
    {
        using var doc = JsonDocument.Parse(await Http.GetStringAsync("/api/v1/targets?state=active"));
        return doc.RootElement.GetProperty("data").GetProperty("activeTargets").EnumerateArray()
            .Select(t => new Target(
                t.GetProperty("labels").GetProperty("job").GetString()!,
                t.GetProperty("health").GetString()!,
                t.GetProperty("lastError").GetString()))
            .ToList();
    }

    /// <summary>Every loaded rule, with its query and its latest evaluation's health.</summary>
    public async Task<IReadOnlyList<LoadedRule>> RulesAsync()
    {
        using var doc = JsonDocument.Parse(await Http.GetStringAsync("/api/v1/rules"));
        return doc.RootElement.GetProperty("data").GetProperty("groups").EnumerateArray()
            .SelectMany(g => g.GetProperty("rules").EnumerateArray().Select(r => new LoadedRule(
                g.GetProperty("name").GetString()!,
                r.GetProperty("name").GetString()!,
                r.GetProperty("type").GetString()!,
                r.GetProperty("query").GetString()!,
                r.GetProperty("health").GetString()!,
                r.TryGetProperty("lastError", out var e) ? e.GetString() : null)))
            .ToList();
    }

    public void Dispose() => Http.Dispose();

    private static double ParseValue(JsonElement pair) =>
        double.Parse(pair[1].GetString()!, NumberStyles.Float, CultureInfo.InvariantCulture);

    public sealed record Sample(IReadOnlyDictionary<string, string> Labels, double Value)
    {
        public override string ToString() =>
            "{" + string.Join(", ", Labels.Select(kv => $"{kv.Key}=\"{kv.Value}\"")) + "} " + Value.ToString(CultureInfo.InvariantCulture);
    }

    public sealed record QueryResult(string Query, string? Error, string ResultType, IReadOnlyList<Sample> Samples);

    public sealed record Target(string Job, string Health, string? LastError);

    public sealed record LoadedRule(string Group, string Name, string Type, string Query, string Health, string? LastError);
}
