using System.Text;

namespace MetaAccessExporter.TestSupport;

/// <summary>
/// What a started process printed, line by line from its output threads: the latest lines (up to a
/// cap) and, kept apart so that a long run cannot push them out, the first warnings and errors.
/// </summary>
internal sealed class ProcessLog(int maxChars = int.MaxValue)
{
    private const int MaxProblems = 20;
    private readonly StringBuilder _text = new();
    private readonly List<string> _problems = [];
    private string? _pendingProblem;

    public string Text
    {
        get
        {
            lock (_text)
            {
                return _text.ToString();
            }
        }
    }

    /// <summary>
    /// The first warnings and errors: .NET console log entries (warn:, fail:, crit:) with the line
    /// that follows their header, and Go-style level=warn / level=error lines.
    /// </summary>
    public IReadOnlyList<string> Problems
    {
        get
        {
            lock (_text)
            {
                return _pendingProblem is null ? [.. _problems] : [.. _problems, _pendingProblem];
            }
        }
    }

    public void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_text)
        {
            _text.AppendLine(line);
            if (_text.Length > maxChars)
            {
                _text.Remove(0, _text.Length - maxChars);
            }

            if (_pendingProblem is not null)
            {
                AddProblem(_pendingProblem + " " + line.Trim());
                _pendingProblem = null;
            }

            if (line.StartsWith("warn:", StringComparison.Ordinal) || line.StartsWith("fail:", StringComparison.Ordinal)
                || line.StartsWith("crit:", StringComparison.Ordinal))
            {
                _pendingProblem = line;
            }
            else if (line.Contains("level=warn", StringComparison.OrdinalIgnoreCase)
                || line.Contains("level=error", StringComparison.OrdinalIgnoreCase))
            {
                AddProblem(line);
            }
        }
    }

    private void AddProblem(string entry)
    {
        if (_problems.Count < MaxProblems && !_problems.Contains(entry))
        {
            _problems.Add(entry);
        }
    }
}
