using TerminologyServer.Engine.Snomed.Ecl;

namespace TerminologyServer.Engine.Tests.Snomed.Ecl;

public class EclParserTests
{
    public static TheoryData<string> Valid => new()
    {
        "404684003",
        "  404684003 |Clinical finding (finding)|  ",
        "<< 404684003 |Clinical finding|",
        "<<404684003",
        "<! 404684003", "<<! 404684003", "> 404684003", ">> 404684003", ">! 404684003", ">>! 404684003",
        "!!> (<< 404684003)", "!!< (<< 404684003)",
        "*", "< *", "^ 723264001", "<< ^ 723264001", "^ * ", "^ (<< 723264001)",
        "^ [targetComponentId] 900000000000527005", "^ [referencedComponentId, targetComponentId] 900000000000527005",
        "^ [*] 900000000000527005",
        "<< 19829001 AND << 301867009", "<< 19829001 and << 301867009", "<< 19829001, << 301867009",
        "<< 19829001 OR << 301867009 OR 10200004", "<< 19829001 MINUS << 301867009",
        "(<< 19829001 OR << 301867009) AND << 64572001", "((((<< 10200004))))",
        "< 19829001 |Disorder of lung| : 116676008 |Associated morphology| = 79654002 |Edema|",
        "< 404684003 : 363698007 = << 39057004, 116676008 = << 415582006",
        "< 404684003 : { 363698007 = << 39057004, 116676008 = << 415582006 }",
        "< 404684003 : [1..3] { 363698007 = * } OR [0..0] 116676008 = *",
        "< 404684003 : { 363698007 = * } AND { 116676008 = * }",
        "< 404684003 : (363698007 = * OR 116676008 = *) AND 246075003 = *",
        "< 404684003 : (<< 363698007 OR << 116676008) = *",
        "< 91723000 : R 363698007 = *", "< 91723000 : [3..*] R 363698007 = *",
        "< 404684003 : [0..*] 363698007 != << 39057004",
        "< 404684003 . 363698007", "< 404684003 . 363698007 . 272741003",
        "< 373873005 : 1142135004 >= #500", "< 373873005 : 1142135004 < #-0.5", "< 373873005 : 1142135004 = #+10",
        "< 373873005 : 1008006 = \"oral\"", "< 373873005 : 1008006 != (\"a\" \"b \\\"q\\\"\")",
        "< 373873005 : 1009003 = true", "< 373873005 : 1009003 != FALSE",
        "< 64572001 {{ term = \"heart att\" }}", "< 64572001 {{ D term = match:\"heart\", language = en }}",
        "< 64572001 {{ term = wild:\"*itis\" }}", "< 64572001 {{ term = (\"a\" wild:\"b*\" match:\"c\") }}",
        "< 64572001 {{ type = syn }}", "< 64572001 {{ type = (syn fsn def) }}", "< 64572001 {{ typeId = 900000000000003001 }}",
        "< 64572001 {{ typeId = (900000000000003001 900000000000013009) }}",
        "< 64572001 {{ dialect = en-gb }}", "< 64572001 {{ dialect = en-us (prefer accept) }}",
        "< 64572001 {{ dialect = (en-us en-gb) (prefer) }}", "< 64572001 {{ dialect = (en-us (prefer) en-gb (accept)) }}",
        "< 64572001 {{ dialectId = 900000000000509007 (900000000000548007) }}",
        "< 64572001 {{ dialectId = (900000000000509007 900000000000508004) }}",
        "< 64572001 {{ moduleId = 900000000000207008, effectiveTime >= \"20200131\", active = true }}",
        "< 64572001 {{ id = 1006014 }}", "< 64572001 {{ id != (1006014 1010012) }}",
        "< 64572001 {{ term = \"a\" }} {{ term = \"b\" }}",
        "< 64572001 {{ C definitionStatus = primitive }}", "< 64572001 {{ c definitionStatusId = 900000000000074008 }}",
        "< 64572001 {{ C moduleId = << 900000000000445007, active = 0 }}", "< 64572001 {{ C effectiveTime = (\"20200131\" \"\") }}",
        "^ 447562003 {{ M mapTarget = \"J45.9\" }}", "^ 447562003 {{ M mapTarget = wild:\"J45*\", mapGroup = #1 }}",
        "^ 900000000000527005 {{ M targetComponentId = << 64572001, active = 1 }}",
        "^ 900000000000527005 {{ M moduleId = 900000000000207008 }} {{ M effectiveTime > \"20200101\" }}",
        "^ 447562003 {{ M mapAdvice != \"x\" }} {{ term = \"y\" }}",
        "<< 195967001 {{ +HISTORY-MIN }}", "<< 195967001 {{ +HISTORY-MOD }}", "<< 195967001 {{ +HISTORY-MAX }}",
        "<< 195967001 {{ +HISTORY }}", "<< 195967001 {{ + HISTORY (900000000000527005 OR 900000000000526001) }}",
        "/* comment */ << 404684003 /* another */ AND /**/ << 64572001",
        "<<\t404684003\r\nMINUS\n< 64572001",
        "descendantOrSelfOf 404684003 AND childOf 64572001",
    };

    [Theory]
    [MemberData(nameof(Valid))]
    public void Given_valid_ECL_When_parsed_Then_an_expression(string ecl) => Assert.NotNull(EclParser.Parse(ecl));

    public static TheoryData<string, int, string> Invalid => new()
    {
        { "<< abc", 4, "concept id" },
        { "<<", 3, "concept id" },
        { "", 1, "expression constraint" },
        { "   ", 4, "expression constraint" },
        { "<< 128045006 OR << 10200004 AND << 64572001", 29, "brackets" },
        { "<< 128045006 AND << 10200004 OR << 64572001", 30, "brackets" },
        { "<< 128045006 MINUS << 10200004 MINUS << 64572001", 32, "MINUS" },
        { "<< 128045006 OR << 10200004 MINUS << 64572001", 29, "brackets" },
        { "(<< 10200004", 13, "')'" },
        { "<< 10200004)", 12, "closes nothing" },
        { "()", 2, "inside the brackets" },
        { "<< 10200004 /* open", 20, "'*/'" },
        { "<< 10200004 |Liver", 19, "'|'" },
        { "<< 404684004", 4, "check digit" },
        { "<< 1003018", 4, "not a concept id" },
        { "<< 01234567", 4, "6 to 18 digits" },
        { "<< 12345", 4, "6 to 18 digits" },
        { "< 404684003 :", 14, "attribute" },
        { "< 404684003 : = 10200004", 15, "attribute" },
        { "< 404684003 : 363698007", 24, "comparison operator" },
        { "< 404684003 : 363698007 =", 26, "concept id" },
        { "< 404684003 : 363698007 < 10200004", 27, "'#'" },
        { "< 404684003 : [1..0] 363698007 = *", 19, "maximum" },
        { "< 404684003 : [1.3] 363698007 = *", 17, "'..'" },
        { "< 404684003 : [a..3] 363698007 = *", 16, "minimum" },
        { "< 404684003 : { 363698007 = * ", 31, "'}'" },
        { "< 404684003 : { { 363698007 = * } }", 17, "nested" },
        { "< 404684003 : 363698007 = * AND 116676008 = * OR 246075003 = *", 47, "brackets" },
        { "< 404684003 : 363698007 = * MINUS 116676008 = *", 29, "MINUS" },
        { "< 404684003 : 363698007 = #abc", 28, "number" },
        { "< 404684003 : 363698007 = \"open", 32, "'\"'" },
        { "< 64572001 {{ }}", 15, "description filter" },
        { "< 64572001 {{ term = }}", 22, "quoted search term" },
        { "< 64572001 {{ term = \"\" }}", 22, "not empty" },
        { "< 64572001 {{ term = \"x\" ", 26, "'}}'" },
        { "< 64572001 {{ colour = red }}", 15, "description filter" },
        { "< 64572001 {{ language = eng }}", 26, "two-letter" },
        { "< 64572001 {{ type = synonym }}", 22, "syn, fsn or def" },
        { "< 64572001 {{ dialect = xx-yy }}", 25, "dialect alias" },
        { "< 64572001 {{ dialect = en-us (sometimes) }}", 32, "prefer" },
        { "< 64572001 {{ effectiveTime >= \"2020-01-31\" }}", 32, "yyyymmdd" },
        { "< 64572001 {{ active = maybe }}", 24, "true, false" },
        { "< 64572001 {{ C definitionStatus = sufficient }}", 36, "primitive or defined" },
        { "< 64572001 {{ C term = \"x\" }}", 17, "concept filter" },
        { "< 64572001 {{ M mapTarget = \"x\" }}", 12, "member filter" },
        { "< 64572001 {{ + HISTORY-ALL }}", 25, "MIN, MOD or MAX" },
        { "< 64572001 {{ + HISTORIC }}", 17, "HISTORY" },
        { "^ [] 900000000000527005", 4, "field name" },
        { "^ < 900000000000527005", 3, "refset" },
        { "LOINC#54486-6", 1, "alternate identifiers" },
        { "<< 10200004 10200004", 13, "AND, OR, MINUS" },
        { "<< 10200004 NOT << 64572001", 13, "AND, OR, MINUS" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Given_invalid_ECL_When_parsed_Then_the_error_says_where_and_what(string ecl, int position, string expected)
    {
        var error = Assert.Throws<EclSyntaxException>(() => EclParser.Parse(ecl));
        Assert.Equal(position, error.Position);
        Assert.Contains(expected, error.Expected, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(ecl, error.Message, StringComparison.Ordinal);
        Assert.Equal("INVALID_ECL", error.MessageId);
        Assert.Equal("vs-invalid", error.TxIssueType);
        Assert.Equal(Hl7.Fhir.Model.OperationOutcome.IssueType.Invalid, error.IssueType);
    }

    [Fact]
    public void Given_a_refinement_Then_the_tree_holds_groups_cardinalities_and_values()
    {
        var e = EclParser.Parse("< 404684003 : [1..3] { R 363698007 = << 39057004 }, 1142135004 >= #0.5");
        var refined = Assert.IsType<EclRefined>(e);
        Assert.Equal(new EclHierarchy(EclHierarchyOperator.DescendantOf, new EclConceptReference(404684003, null)), refined.Focus);
        var set = Assert.IsType<EclRefinementSet>(refined.Refinement);
        Assert.Equal(EclLogic.And, set.Logic);
        var group = Assert.IsType<EclAttributeGroup>(set.Items[0]);
        Assert.Equal(new EclCardinality(1, 3), group.Cardinality);
        var attribute = Assert.IsType<EclAttribute>(group.Attributes);
        Assert.True(attribute.Reverse);
        var concrete = Assert.IsType<EclAttribute>(set.Items[1]);
        Assert.Equal(EclComparison.GreaterOrEqual, concrete.Comparison);
        Assert.Equal(new EclNumericValue(0.5m), concrete.Value);
    }

    [Fact]
    public void Given_terms_and_comments_Then_they_do_not_change_the_tree()
    {
        var plain = EclParser.Parse("<< 404684003");
        var withTerm = Assert.IsType<EclHierarchy>(EclParser.Parse("/* x */ << 404684003 |Clinical finding| /* y */"));
        Assert.Equal(((EclConceptReference)((EclHierarchy)plain).Operand).ConceptId, ((EclConceptReference)withTerm.Operand).ConceptId);
        Assert.Equal("Clinical finding", ((EclConceptReference)withTerm.Operand).Term);
    }

    [Fact]
    public void Given_filters_and_history_Then_they_wrap_the_operator_result_in_order()
    {
        var e = EclParser.Parse("<< 64572001 {{ term = \"x\" }} {{ C active = 1 }} {{ +HISTORY-MIN }}");
        var history = Assert.IsType<EclHistorySupplement>(e);
        Assert.Equal(EclHistoryProfile.Minimum, history.Profile);
        var filtered = Assert.IsType<EclFiltered>(history.Operand);
        Assert.IsType<EclDescriptionFilters>(filtered.Filters[0]);
        Assert.IsType<EclConceptFilters>(filtered.Filters[1]);
        Assert.IsType<EclHierarchy>(filtered.Operand);
    }
}
