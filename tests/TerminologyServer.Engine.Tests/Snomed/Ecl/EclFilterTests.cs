using static TerminologyServer.Engine.Tests.Snomed.Ecl.FakeEdition;

namespace TerminologyServer.Engine.Tests.Snomed.Ecl;

public class EclFilterTests
{
    public static TheoryData<string, long[]> DescriptionFilters => new()
    {
        { "< 64572001 {{ term = \"heart att\" }}", [Infarction] },
        { "< 64572001 {{ term = \"att heart\" }}", [Infarction] },
        { "< 64572001 {{ term = match:\"myocard\" }}", [Infarction] },
        { "< 64572001 {{ term = wild:\"*infarct*\" }}", [Infarction] },
        { "< 64572001 {{ term = wild:\"heart*\" }}", [Infarction] },
        { "< 64572001 {{ term = wild:\"*attack\" }}", [Infarction] },
        { "< 64572001 {{ term = wild:\"attack\" }}", [] },
        { "< 64572001 {{ term = (\"fatty\" wild:\"hepat*\") }}", [Hepatitis, Steatosis] },
        { "< 64572001 {{ D term = \"fatty\" }}", [Steatosis] },
        { "<< 64572001 {{ term = \"inflammation\" }}", [] },
        { "<< 64572001 {{ term = \"inflammation\", active = false }}", [Hepatitis] },
        { "<< 64572001 {{ term = \"myocarde\", language = fr }}", [Infarction] },
        { "<< 64572001 {{ term = \"myocarde\", language = en }}", [] },
        { "<< 64572001 {{ language = (fr de) }}", [Infarction] },
        { "<< 64572001 {{ term = \"Disease\", type = fsn }}", [Disease] },
        { "<< 64572001 {{ term = \"Disorder\", type = (syn fsn) }}", [Disease, Infarction] },
        { "<< 64572001 {{ term = \"Disorder\", type != syn }}", [Disease, Infarction] },
        { "<< 123037004 {{ type = def }}", [Heart] },
        { "<< 123037004 {{ typeId = 900000000000550004 |Definition| }}", [Heart] },
        { "<< 123037004 {{ typeId = (900000000000550004 900000000000003001) }}", [Liver, Heart] },
        { "<< 64572001 {{ term = \"heart attack\", dialect = en-gb (prefer) }}", [Infarction] },
        { "<< 64572001 {{ term = \"heart attack\", dialect = en-us (prefer) }}", [] },
        { "<< 64572001 {{ term = \"heart attack\", dialect = en-us (accept) }}", [Infarction] },
        { "<< 64572001 {{ term = \"heart attack\", dialect = en-us }}", [Infarction] },
        { "<< 64572001 {{ term = \"heart attack\", dialectId = 900000000000509007 (prefer) }}", [] },
        { "<< 64572001 {{ term = \"heart attack\", dialectId = 900000000000509007 (900000000000549004) }}", [Infarction] },
        { "<< 64572001 {{ term = \"heart attack\", dialect = (en-us (prefer) en-gb (prefer)) }}", [Infarction] },
        { "<< 64572001 {{ term = \"myocardial\", dialect = en-gb (prefer) }}", [Infarction] },
        { "<< 64572001 {{ term = \"myocardial\", dialect != en-us }}", [] },
        { "< 64572001 {{ term = \"heart\" }} {{ term = \"myocardial\" }}", [Infarction] },
        { "< 64572001 {{ term = \"heart\", term = \"myocardial\" }}", [] },
        { "< 64572001 {{ term != \"heart\" }}", [Hepatitis, Steatosis, Infarction] },
        { "<< 64572001 {{ moduleId = 1007001 }}", [Steatosis] },
        { "<< 64572001 {{ effectiveTime < \"20240101\" }}", [Steatosis] },
        { "<< 64572001 {{ id = 1006014 }}", [Infarction] },
        { "<< 64572001 {{ id = (1006014 1010012) }}", [Infarction, Steatosis] },
    };

    public static TheoryData<string, long[]> ConceptFilters => new()
    {
        { "<< 64572001 {{ C definitionStatus = defined }}", [Hepatitis] },
        { "<< 64572001 {{ C definitionStatus = primitive }}", [Disease, LiverDisorder, Steatosis, Infarction, Carditis] },
        { "<< 64572001 {{ C definitionStatusId = 900000000000073002 }}", [Hepatitis] },
        { "<< 64572001 {{ C definitionStatus != primitive }}", [Hepatitis] },
        { "<< 64572001 {{ C moduleId = 1007001 }}", [Steatosis] },
        { "<< 64572001 {{ C moduleId != 1007001, definitionStatus = primitive }}", [Disease, LiverDisorder, Infarction, Carditis] },
        { "<< 64572001 {{ C effectiveTime >= \"20240101\" }}", [Disease, LiverDisorder, Hepatitis, Infarction, Carditis] },
        { "<< 64572001 {{ C effectiveTime = (\"20230131\" \"20240731\") }}", [Steatosis, Hepatitis] },
        { "* {{ C active = false }}", [OldLiverDisorder, OldHepatitis, OldInfarction] },
        { "* {{ C active = 0 }} MINUS 1004008", [OldHepatitis, OldInfarction] },
        { "<< 64572001 {{ C active = 1 }} {{ term = \"fatty\" }}", [Steatosis] },
    };

    public static TheoryData<string, long[]> MemberOf => new()
    {
        { "^ 723264001", [Liver, Heart] },
        { "^ 723264001 |Lateralizable|", [Liver, Heart] },
        { "memberOf 723264001", [Liver, Heart] },
        { "^ 723264001 {{ M active = false }}", [Infarct] },
        { "^ 723264001 {{ M effectiveTime = \"20240101\", active = 0 }}", [Infarct] },
        { "^ [targetComponentId] 900000000000527005", [LiverDisorder] },
        { "^ [referencedComponentId, targetComponentId] 900000000000526001", [OldHepatitis, Hepatitis] },
        { "^ [*] (900000000000527005 OR 900000000000523009)", [OldLiverDisorder, LiverDisorder, OldInfarction, Infarction] },
        { "^ [mapTarget] 900000000000527005", [] },
        { "^ 900000000000526001 {{ M targetComponentId = << 64572001 }}", [OldHepatitis] },
        { "^ 900000000000526001 {{ M moduleId = 1007001 }}", [OldHepatitis] },
        { "^ (< 900000000000455006) {{ M targetComponentId = 22298006 }}", [OldInfarction] },
        { "^ (< 900000000000455006) {{ M targetComponentId != 22298006 }}", [OldLiverDisorder, OldHepatitis] },
        { "^ (< 900000000000455006) {{ M targetComponentId = \"2358\" }}", [OldLiverDisorder] },
        { "^ (< 900000000000455006) {{ M targetComponentId = wild:\"*003\" }}", [OldLiverDisorder] },
        { "^ (< 900000000000455006) {{ M effectiveTime > \"20240101\", targetComponentId = * }}", [OldLiverDisorder, OldHepatitis, OldInfarction] },
        { "^ (< 900000000000455006) {{ M effectiveTime < \"20250101\" }}", [OldHepatitis] },
        { "^ 10200004", [] },
        { "^ *", [Liver, Heart, OldLiverDisorder, OldHepatitis, OldInfarction] },
        { "<< ^ 723264001", [Liver, Heart] },
        { "> ^ 723264001", [Root, BodyStructure] },
        { "(^ 723264001) {{ term = \"heart\" }}", [Heart] },
    };

    public static TheoryData<string, long[]> History => new()
    {
        { "<< 235856003 {{ +HISTORY-MIN }}", [LiverDisorder, Hepatitis, Steatosis, Carditis, OldLiverDisorder] },
        { "<< 235856003 {{ + HISTORY-MOD }}", [LiverDisorder, Hepatitis, Steatosis, Carditis, OldLiverDisorder, OldHepatitis] },
        { "<< 64572001 {{ +HISTORY-MAX }}", [Disease, LiverDisorder, Hepatitis, Steatosis, Infarction, Carditis, OldLiverDisorder, OldHepatitis, OldInfarction] },
        { "<< 64572001 {{ +HISTORY }}", [Disease, LiverDisorder, Hepatitis, Steatosis, Infarction, Carditis, OldLiverDisorder, OldHepatitis, OldInfarction] },
        { "<< 64572001 {{ +HISTORY (900000000000523009) }}", [Disease, LiverDisorder, Hepatitis, Steatosis, Infarction, Carditis, OldInfarction] },
        { "22298006 {{ +HISTORY-MIN }}", [Infarction] },
        { "22298006 {{ +history_mod }}", [Infarction] },
        { "(<< 235856003 {{ +HISTORY-MIN }}) MINUS 235856003", [Hepatitis, Steatosis, Carditis, OldLiverDisorder] },
    };

    [Theory]
    [MemberData(nameof(DescriptionFilters))]
    [MemberData(nameof(ConceptFilters))]
    [MemberData(nameof(MemberOf))]
    [MemberData(nameof(History))]
    public void Given_the_fake_edition_When_filtered_Then_the_expected_concepts(string ecl, long[] expected) =>
        Assert.Equal(expected.Order(), Eval(ecl));
}
