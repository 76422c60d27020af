namespace MetaAccessExporter.EndToEndTests.Infrastructure;

/// <summary>
/// A fact that needs outside tools. Without them it is skipped on a developer machine; with the
/// <c>CI</c> environment variable set it runs, and fails saying what to install.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RequiresToolsFactAttribute : FactAttribute
{
    public RequiresToolsFactAttribute(params string[] tools)
    {
        var missing = tools.Where(t => ExternalTool.Find(t) is null).ToList();
        if (missing.Count > 0 && !ExternalTool.InCi)
        {
            Skip = string.Join("; ", missing.Select(ExternalTool.MissingMessage)) + " (fails instead when CI is set)";
        }
    }
}

/// <summary>The theory form of <see cref="RequiresToolsFactAttribute"/>.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RequiresToolsTheoryAttribute : TheoryAttribute
{
    public RequiresToolsTheoryAttribute(params string[] tools)
    {
        var missing = tools.Where(t => ExternalTool.Find(t) is null).ToList();
        if (missing.Count > 0 && !ExternalTool.InCi)
        {
            Skip = string.Join("; ", missing.Select(ExternalTool.MissingMessage)) + " (fails instead when CI is set)";
        }
    }
}
