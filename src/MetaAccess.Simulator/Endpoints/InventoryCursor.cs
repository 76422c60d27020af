using System.Globalization;
using System.Text;

namespace MetaAccess.Simulator.Endpoints;

/// <summary>
/// The inventory's <c>next_token</c>: the enrolment position of the last device sent, in base64 so clients
/// treat it as opaque. A position outlives its device, so the cursor of a device deleted since still
/// continues with the next one enrolled.
/// </summary>
internal static class InventoryCursor
{
    public const long Start = 0;

    public static string Encode(long position) =>
        Convert.ToBase64String(Encoding.ASCII.GetBytes(position.ToString(CultureInfo.InvariantCulture)));

    /// <summary>The position a token names: <see cref="Start"/> for none or empty, false for one this API never issued.</summary>
    public static bool TryDecode(string? token, out long position)
    {
        position = Start;
        if (string.IsNullOrEmpty(token))
        {
            return true;
        }

        var bytes = new byte[token.Length];
        return Convert.TryFromBase64String(token, bytes, out var length)
            && long.TryParse(Encoding.ASCII.GetString(bytes, 0, length), NumberStyles.None, CultureInfo.InvariantCulture, out position);
    }
}
