using MetaAccessExporter.Api;
using MetaAccessExporter.Model;

namespace MetaAccessExporter.Sync;

/// <summary>
/// Reads one delta window page by page into the model. Each page is applied whole as it arrives,
/// which is safe because applying is idempotent; the walk ends on a short page or a 413. A failed
/// page throws, and the caller retries the whole window rather than count it complete. The feed's
/// order is undocumented and it moves while it is read, so the walk reports what it could have
/// missed: an entry met twice (one moved to a later page, so another may have moved onto a page
/// already read), and a window that fell out of the API's reach before the walk ended.
/// </summary>
public sealed class PageWalk(StatusChangedClient client, DeviceModel model, TimeProvider time)
{
    // A server that never ends a walk must not keep us reading forever: 10,000 pages is 500,000 devices.
    public const int MaxPages = 10_000;

    public async Task<PageWalkResult> ReadAsync(DeltaWindow window, int pageSize, CancellationToken cancellationToken)
    {
        int upserts = 0, deletions = 0, duplicates = 0;
        var met = new HashSet<string>(StringComparer.Ordinal);
        for (int page = 1; page <= MaxPages; page++)
        {
            var content = await client.GetPageAsync(window.Start, page, pageSize, cancellationToken).ConfigureAwait(false);
            if (content is null)
                return Result(page - 1);
            var seenAt = time.GetUtcNow();
            var devices = content.Monitored.Select(d => DeviceMapper.ToDevice(d, seenAt)).ToList();
            var deleted = content.DeletedIds.ToList();
            model.Apply(devices, deleted);
            upserts += devices.Count;
            deletions += deleted.Count;
            duplicates += devices.Select(d => d.Id).Concat(deleted).Count(id => !met.Add(id));
            // Pages hold up to `limit` entries of both lists together; fewer means this was the last.
            if (content.Entries < pageSize)
                return Result(page);
        }
        throw new MetaAccessApiException(ApiEndpoint.StatusChanged, "invalid", $"the delta walk did not end within {MaxPages} pages");

        PageWalkResult Result(int pages) =>
            new(pages, upserts, deletions, duplicates, OutranApiReach: window.ExceedsApiReach(time.GetUtcNow()));
    }
}

/// <param name="Duplicates">Entries met a second time: the feed moved under the walk, which may have skipped others.</param>
/// <param name="OutranApiReach">The walk ended after its window's start fell out of the API's 24 hours.</param>
public sealed record PageWalkResult(int Pages, int Upserts, int Deletions, int Duplicates = 0, bool OutranApiReach = false);
