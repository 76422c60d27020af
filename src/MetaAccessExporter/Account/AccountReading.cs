namespace MetaAccessExporter.Account;

/// <summary>
/// One read of account details, its label values normalised like the model's, beside what the model
/// held at the moment the answer came. Drift is the model's count less the vendor's: negative when the
/// model misses devices the vendor counts, positive when it holds devices the vendor no longer has.
/// </summary>
public sealed record AccountReading(
    DateTimeOffset ReadAt,
    string? Name,
    long? DevicesAllowed,
    long? DevicesUsed,
    IReadOnlyDictionary<string, long> VendorByStatus,
    IReadOnlyDictionary<string, long> VendorBySeverity,
    int ModelDevices,
    IReadOnlyDictionary<string, long> ModelByStatus,
    IReadOnlyDictionary<string, long> ModelBySeverity)
{
    public long VendorDevices => VendorByStatus.Values.Sum();

    public long Drift => ModelDevices - VendorDevices;

    /// <summary>Every status either side counts, with the model's count less the vendor's, in label order.</summary>
    public IReadOnlyList<KeyValuePair<string, long>> DriftByStatus => Difference(ModelByStatus, VendorByStatus);

    /// <summary>
    /// Every severity either side counts, model less vendor. Only when the account's answer breaks devices
    /// down by severity at all: a missing breakdown is not a fleet of zero.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, long>> DriftBySeverity =>
        VendorBySeverity.Count == 0 ? [] : Difference(ModelBySeverity, VendorBySeverity);

    private static List<KeyValuePair<string, long>> Difference(
        IReadOnlyDictionary<string, long> model, IReadOnlyDictionary<string, long> vendor) =>
        [.. model.Keys.Union(vendor.Keys).Order(StringComparer.Ordinal)
            .Select(key => new KeyValuePair<string, long>(key, model.GetValueOrDefault(key) - vendor.GetValueOrDefault(key)))];
}
