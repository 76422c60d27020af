namespace MetaAccessExporter.Api.Http;

/// <summary>Where a client's requests carry the access token.</summary>
internal enum TokenPlacement
{
    /// <summary>Nowhere: the token request itself.</summary>
    None,

    /// <summary>The <c>access_token</c> query parameter, as every device endpoint documents it.</summary>
    Query,

    /// <summary>Both the query and an <c>access_token</c> header: Account Details documents the header.</summary>
    QueryAndHeader,
}
