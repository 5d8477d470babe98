using TerminologyServer.Engine.CodeSystems;

namespace TerminologyServer.Engine.Tests.CodeSystems;

public sealed class VersionComparerTests
{
    [Theory]
    [InlineData("2.10", "2.9")]
    [InlineData("FY2026", "FY2025")]
    [InlineData("2025", "2024")]
    [InlineData("1.0.1", "1.0")]
    [InlineData("1", null)]
    [InlineData("20250301", "20240901")]
    public void GivenTwoVersions_WhenCompared_ThenTheLaterSortsHigher(string later, string? earlier)
    {
        Assert.True(VersionComparer.Instance.Compare(later, earlier) > 0);
        Assert.True(VersionComparer.Instance.Compare(earlier, later) < 0);
    }
}
