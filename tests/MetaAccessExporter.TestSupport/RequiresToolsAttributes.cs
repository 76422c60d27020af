namespace MetaAccessExporter.TestSupport;

/// <summary>
/// A fact that needs outside tools (see <see cref="Tools"/>): skipped, saying what to install, when
/// one is missing on a developer's machine; run under CI, where <see cref="Tools.Require"/> then
/// fails it naming the package.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RequiresToolsFactAttribute : FactAttribute
{
    public RequiresToolsFactAttribute(params string[] tools) => Skip = Tools.SkipReason(tools);
}

/// <summary>The theory form of <see cref="RequiresToolsFactAttribute"/>.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RequiresToolsTheoryAttribute : TheoryAttribute
{
    public RequiresToolsTheoryAttribute(params string[] tools) => Skip = Tools.SkipReason(tools);
}
