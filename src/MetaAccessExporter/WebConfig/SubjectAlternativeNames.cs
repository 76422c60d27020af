using System.Formats.Asn1;
using System.Net;
using System.Security.Cryptography.X509Certificates;

namespace MetaAccessExporter.WebConfig;

/// <summary>
/// A certificate's SANs as Go lists them for <c>client_allowed_sans</c>: DNS names, e-mail addresses, IP addresses
/// and URIs. .NET's own extension class reads only the first and third kinds.
/// </summary>
public static class SubjectAlternativeNames
{
    private const string ExtensionOid = "2.5.29.17";

    public static IReadOnlyList<string> Of(X509Certificate2 certificate)
    {
        var names = new List<string>();
        if (certificate.Extensions[ExtensionOid] is not { } extension)
            return names;
        var sequence = new AsnReader(extension.RawData, AsnEncodingRules.DER).ReadSequence();
        while (sequence.HasData)
        {
            var tag = sequence.PeekTag();
            string? name = tag.TagClass != TagClass.ContextSpecific ? null : tag.TagValue switch
            {
                1 or 2 or 6 => sequence.ReadCharacterString(UniversalTagNumber.IA5String, tag), // e-mail, DNS, URI
                7 => new IPAddress(sequence.ReadOctetString(tag)).ToString(),
                _ => null,
            };
            if (name is null)
                sequence.ReadEncodedValue();
            else
                names.Add(name);
        }
        return names;
    }
}
