using System.Text;
using System.Text.RegularExpressions;

namespace MetaAccessExporter.DeploymentTests.Support;

/// <summary>
/// .dockerignore matching as the Docker builder does it: patterns are cleaned paths relative to the
/// context root, `*` and `?` stay within one path segment, `**` spans any number of them, a pattern
/// that matches a directory matches everything below it, `!` re-includes, and the last match wins.
/// </summary>
internal sealed class DockerIgnore
{
    private readonly List<(Regex Pattern, bool Exclude, string Text)> rules = [];

    private DockerIgnore()
    {
    }

    public static DockerIgnore Load(string path)
    {
        var ignore = new DockerIgnore();
        foreach (var raw in File.ReadAllLines(path))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var exclude = !line.StartsWith('!');
            var pattern = (exclude ? line : line[1..].Trim()).Trim('/');
            ignore.rules.Add((ToRegex(pattern), exclude, line));
        }

        return ignore;
    }

    /// <summary>True when the file at this context-relative path is left out of the build context.</summary>
    public bool Excludes(string relativePath)
    {
        var path = relativePath.Replace('\\', '/').Trim('/');
        var excluded = false;
        foreach (var (pattern, exclude, _) in rules)
        {
            if (MatchesOrParentMatches(pattern, path))
            {
                excluded = exclude;
            }
        }

        return excluded;
    }

    private static bool MatchesOrParentMatches(Regex pattern, string path)
    {
        if (pattern.IsMatch(path))
        {
            return true;
        }

        for (var slash = path.LastIndexOf('/'); slash > 0; slash = path.LastIndexOf('/', slash - 1))
        {
            if (pattern.IsMatch(path[..slash]))
            {
                return true;
            }
        }

        return false;
    }

    private static Regex ToRegex(string pattern)
    {
        var regex = new StringBuilder("^");
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '*' && i + 1 < pattern.Length && pattern[i + 1] == '*')
            {
                i++;
                if (i + 1 < pattern.Length && pattern[i + 1] == '/')
                {
                    i++;
                    regex.Append("(.*/)?");
                }
                else
                {
                    regex.Append(".*");
                }
            }
            else if (c == '*')
            {
                regex.Append("[^/]*");
            }
            else if (c == '?')
            {
                regex.Append("[^/]");
            }
            else
            {
                regex.Append(Regex.Escape(c.ToString()));
            }
        }

        return new Regex(regex.Append('$').ToString(), RegexOptions.CultureInvariant);
    }
}
