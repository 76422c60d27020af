using MetaAccessExporter.Api;
using MetaAccessExporter.Model;

namespace MetaAccessExporter.Sync;

/// <summary>
/// Reads one delta window page by page into the model. Each page is applied whole as it arrives,
/// which is safe because applying is idempotent; the walk ends on a short page or a 413. A failed
/// page throws, and the caller retries the whole window rather than count it complete.
/// </summary>
public sealed class PageWalk(StatusChangedClient client, DeviceModel model, TimeProvider time)
{
    // A server that never ends a walk must not keep us reading forever: 10,000 pages is 500,000 devices.
    public const int MaxPages = 10_000;

    public async Task<PageWalkResult> ReadAsync(DeltaWindow window, int pageSize, CancellationToken cancellationToken)
    {
        int upserts = 0, deletions = 0;
        for (int page = 1; page <= MaxPages; page++)
        {
            var content = await client.GetPageAsync(window.Start, page, pageSize, cancellationToken).ConfigureAwait(false);
            if (content is null)
                return new PageWalkResult(page - 1, upserts, deletions);
            var seenAt = time.GetUtcNow();
            var devices = content.Monitored.Select(d => DeviceMapper.ToDevice(d, seenAt)).ToList();
            var deleted = content.DeletedIds.ToList();
            model.Apply(devices, deleted);
            upserts += devices.Count;
            deletions += deleted.Count;
            // Pages hold up to `limit` entries of both lists together; fewer means this was the last.
            if (content.Entries < pageSize)
                return new PageWalkResult(page, upserts, deletions);
        }
        throw new MetaAccessApiException(ApiEndpoint.StatusChanged, "invalid", $"the delta walk did not end within {MaxPages} pages");
    }
}

public sealed record PageWalkResult(int Pages, int Upserts, int Deletions);
