using MetaAccessExporter.Metrics.Cardinality;
using MetaAccessExporter.Metrics.Exposition;

namespace MetaAccessExporter.Metrics;

/// <summary>
/// How the open labels of <c>/metrics</c> are held to <c>Exporter:MaxLabelValues</c>: every label is present,
/// at 0 when nothing is folded, from the first scrape on.
/// </summary>
public static class LabelCapFamilies
{
    public static readonly IReadOnlyList<MetricFamily<CappedFleetSnapshot>> Table =
    [
        new("metaaccess_label_values", "Distinct values of the label in the model (group, status, severity, category).",
            MetricType.Gauge,
            (c, s) => { foreach (var l in c.Labels) s.Add(l.Values, new Label("label", l.Label)); }),
        new("metaaccess_label_values_folded",
            "Values of the label summed under \"other\" on /metrics, because the model holds more than Exporter:MaxLabelValues.",
            MetricType.Gauge,
            (c, s) => { foreach (var l in c.Labels) s.Add(l.Folded, new Label("label", l.Label)); }),
        new("metaaccess_label_values_limit", "Exporter:MaxLabelValues: the most values a label has on /metrics, \"other\" included.",
            MetricType.Gauge,
            (c, s) => s.Add(c.MaxLabelValues)),
    ];
}
