namespace TerminologyServer.Api.Tests.Cpt;

// The CPT tests again, on a full-size import (10,000 generated codes in the AMA layouts plus the fragment's codes),
// on SQLite and PostgreSQL. Each fixture imports once; the expected lists come from the imported data.
public sealed class FullSizeSqliteCptModifierRuleTests(FullSizeSqliteCptFixture fixture) : CptModifierRuleTests<FullSizeSqliteCptFixture>(fixture);

public sealed class FullSizePostgresCptModifierRuleTests(FullSizePostgresCptFixture fixture) : CptModifierRuleTests<FullSizePostgresCptFixture>(fixture);

public sealed class FullSizeSqliteCptExpressionTests(FullSizeSqliteCptFixture fixture) : CptExpressionTests<FullSizeSqliteCptFixture>(fixture);

public sealed class FullSizePostgresCptExpressionTests(FullSizePostgresCptFixture fixture) : CptExpressionTests<FullSizePostgresCptFixture>(fixture);

public sealed class FullSizeSqliteCptValueSetTests(FullSizeSqliteCptFixture fixture) : CptValueSetTests<FullSizeSqliteCptFixture>(fixture);

public sealed class FullSizePostgresCptValueSetTests(FullSizePostgresCptFixture fixture) : CptValueSetTests<FullSizePostgresCptFixture>(fixture);
