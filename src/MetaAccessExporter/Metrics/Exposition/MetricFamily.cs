namespace MetaAccessExporter.Metrics.Exposition;

/// <summary>
/// One row of a family table: a metric's name, HELP, type, and how to list its samples from a
/// source. Adding a metric is adding a row (the kube-state-metrics habit). The same rows feed the
/// Prometheus text and the OpenTelemetry instruments.
/// </summary>
/// <param name="AccountWide">False for the few families that describe the process, not the account (build info).</param>
public sealed record MetricFamily<TSource>(
    string Name, string Help, MetricType Type, Action<TSource, SampleSink> Samples, bool AccountWide = true);

/// <summary>Receives a family's samples, prefixed with the labels every sample of the endpoint carries (the account).</summary>
public abstract class SampleSink(Label[] commonLabels)
{
    private readonly Label[] _buffer = new Label[commonLabels.Length + 8];
    private int _common;

    public void Begin(string name, bool withCommonLabels)
    {
        Name = name;
        _common = withCommonLabels ? commonLabels.Length : 0;
        commonLabels.AsSpan(0, _common).CopyTo(_buffer);
    }

    protected string Name { get; private set; } = "";

    public void Add(double value, params ReadOnlySpan<Label> labels)
    {
        labels.CopyTo(_buffer.AsSpan(_common));
        Write(_buffer.AsSpan(0, _common + labels.Length), value);
    }

    protected abstract void Write(ReadOnlySpan<Label> labels, double value);
}

/// <summary>Writes samples as exposition lines.</summary>
public sealed class ExpositionSampleSink(ExpositionWriter writer, Label[] commonLabels) : SampleSink(commonLabels)
{
    protected override void Write(ReadOnlySpan<Label> labels, double value) => writer.Sample(Name, labels, value);
}

public static class FamilyTable
{
    /// <summary>Writes every family of <paramref name="table"/>, its HELP and TYPE even when it has no sample yet.</summary>
    public static void Write<TSource>(
        IReadOnlyList<MetricFamily<TSource>> table, TSource source, ExpositionWriter writer, Label[] commonLabels)
    {
        var sink = new ExpositionSampleSink(writer, commonLabels);
        foreach (var family in table)
        {
            writer.FamilyHeader(family.Name, family.Help, family.Type);
            sink.Begin(family.Name, family.AccountWide);
            family.Samples(source, sink);
        }
    }
}
