using MetaAccessExporter.Api.Dto;
using Refit;

namespace MetaAccessExporter.Api;

/// <summary>
/// Status Change v3, the delta feed. The access token is no parameter here: the handler chain adds
/// it to the query and renews it (<see cref="Http.AccessTokenHandler"/>). Nor is the final <c>age</c>: the window's
/// start travels with the request, and <see cref="Http.RequestAgeHandler"/> writes the age as the request leaves.
/// </summary>
public interface IStatusChangedApi
{
    [Post("/o/api/v3/devices/status_changed")]
    Task<IApiResponse<StatusChangedPage>> GetPageAsync(
        [Body] StatusChangedRequest request,
        [Property(Http.RequestAgeHandler.WindowStartKey)] DateTimeOffset windowStart,
        CancellationToken cancellationToken);
}
