using static TerminologyServer.Engine.Tests.Snomed.Ecl.FakeEdition;

namespace TerminologyServer.Engine.Tests.Snomed.Ecl;

public class EclEvaluatorTests
{
    public static TheoryData<string, long[]> Hierarchy => new()
    {
        { "64572001 |Disease|", [Disease] },
        { "< 64572001", [Infarction, Hepatitis, Steatosis, LiverDisorder, Carditis] },
        { "<< 64572001", [Disease, Infarction, Hepatitis, Steatosis, LiverDisorder, Carditis] },
        { "<! 64572001", [Infarction, LiverDisorder] },
        { "<<! 64572001", [Disease, Infarction, LiverDisorder] },
        { "> 1001000", [Root, Finding, Disease, Infarction, Hepatitis, LiverDisorder] },
        { ">> 1001000", [Root, Finding, Disease, Infarction, Hepatitis, LiverDisorder, Carditis] },
        { ">! 1001000", [Infarction, Hepatitis] },
        { ">>! 1001000", [Infarction, Hepatitis, Carditis] },
        { "!!> (<< 64572001)", [Disease] },
        { "!!< (<< 64572001)", [Steatosis, Carditis] },
        { "!!< (<< 235856003 OR 22298006)", [Steatosis, Carditis] },
        { "< (235856003 OR 22298006)", [Hepatitis, Steatosis, Carditis] },
        { "<< 1012000", [] },
        { "descendantOrSelfOf 235856003", [Hepatitis, Steatosis, LiverDisorder, Carditis] },
        { "<<235856003/* no spaces */", [Hepatitis, Steatosis, LiverDisorder, Carditis] },
    };

    public static TheoryData<string, long[]> Compound => new()
    {
        { "<< 235856003 AND << 22298006", [Carditis] },
        { "<< 235856003 and << 22298006", [Carditis] },
        { "<! 64572001 OR 10200004", [Liver, Infarction, LiverDisorder] },
        { "<< 64572001 MINUS << 235856003", [Disease, Infarction] },
        { "<< 64572001 , < 235856003", [Hepatitis, Steatosis, Carditis] },
        { "(<< 235856003 OR << 22298006) MINUS (<! 235856003 AND << 128241005)", [Infarction, Steatosis, LiverDisorder, Carditis] },
        { "((((<< 22298006))))", [Infarction, Carditis] },
        { "<< 64572001 MINUS << 64572001", [] },
        { "* MINUS << 138875005", [] },
        { "(<< 22298006 OR 10200004) AND (<< 22298006 OR 80891009)", [Infarction, Carditis] },
    };

    public static TheoryData<string, long[]> Refinements => new()
    {
        { "< 64572001 : 363698007 = 10200004", [Hepatitis, Steatosis, LiverDisorder, Carditis] },
        { "< 64572001 : 363698007 |Finding site| = << 123037004 |Body structure|", [Infarction, Hepatitis, Steatosis, LiverDisorder, Carditis] },
        { "< 64572001 : 116676008 = 23583003", [Hepatitis, Carditis] },
        { "< 64572001 : 363698007 = 80891009, 116676008 = 23583003", [Carditis] },
        { "< 64572001 : { 363698007 = 80891009, 116676008 = 23583003 }", [] },
        { "< 64572001 : { 363698007 = 80891009, 116676008 = 55641003 }", [Infarction, Carditis] },
        { "< 64572001 : [2..2] 363698007 = *", [Carditis] },
        { "< 64572001 : [1..1] 363698007 = *", [Infarction, Hepatitis, Steatosis, LiverDisorder] },
        { "< 64572001 : [0..0] 116676008 = *", [Steatosis, LiverDisorder] },
        { "< 64572001 : [2..*] { 363698007 = * }", [Carditis] },
        { "< 64572001 : [0..1] { 363698007 = * }", [Infarction, Hepatitis, Steatosis, LiverDisorder] },
        { "< 64572001 : { [1..1] 363698007 = 10200004, [0..0] 116676008 = * }", [Steatosis, LiverDisorder] },
        { "< 123037004 : R 363698007 = < 64572001", [Liver, Heart] },
        { "<< 123037004 : [3..*] R 363698007 = *", [Liver] },
        { "< 64572001 : 363698007 != 10200004", [Infarction, Carditis] },
        { "< 64572001 : [0..0] 363698007 != 10200004", [Hepatitis, Steatosis, LiverDisorder] },
        { "< 64572001 : << 410662002 = 23583003", [Hepatitis, Carditis] },
        { "< 64572001 : * = 55641003", [Infarction, Carditis] },
        { "* : 116680003 = 64572001", [Infarction, LiverDisorder] },
        { "< 64572001 : 363698007 = 80891009 OR 116676008 = 23583003", [Infarction, Hepatitis, Carditis] },
        { "< 64572001 : (363698007 = 80891009 OR 116676008 = 23583003) AND 363698007 = 10200004", [Hepatitis, Carditis] },
        { "< 64572001 : (363698007 OR 116676008) = 23583003", [Hepatitis, Carditis] },
        { "< 64572001 : { 363698007 = 80891009 } OR { 116676008 = 23583003 }", [Infarction, Hepatitis, Carditis] },
        { "< 64572001 : 363698007 = (<< 123037004 MINUS 10200004)", [Infarction, Carditis] },
        { "(< 64572001 : 363698007 = 80891009) MINUS << 128241005", [Infarction] },
    };

    public static TheoryData<string, long[]> ConcreteValues => new()
    {
        { "< 373873005 : 1142135004 = #500", [Tablet500] },
        { "< 373873005 : 1142135004 >= #500", [Tablet500, Tablet1000] },
        { "< 373873005 : 1142135004 > #500", [Tablet1000] },
        { "< 373873005 : 1142135004 < #1000", [Tablet500] },
        { "< 373873005 : 1142135004 <= #1000.5", [Tablet500, Tablet1000] },
        { "< 373873005 : 1142135004 != #500", [Tablet1000] },
        { "< 373873005 : 1142135004 > #-1", [Tablet500, Tablet1000] },
        { "< 373873005 : { 1142135004 = #500.0 }", [Tablet500] },
        { "< 373873005 : 1008006 = \"oral\"", [Tablet500] },
        { "< 373873005 : 1008006 = (\"oral\" \"rectal\")", [Tablet500, Tablet1000] },
        { "< 373873005 : 1008006 != \"oral\"", [Tablet1000] },
        { "< 373873005 : 1009003 = false", [Tablet500] },
        { "< 373873005 : 1009003 = true", [] },
        { "< 373873005 : 1142135004 = 10200004", [] },
    };

    public static TheoryData<string, long[]> Dotted => new()
    {
        { "< 64572001 . 363698007", [Liver, Heart] },
        { "<< 235856003 . 116676008", [Inflammation, Infarct] },
        { "(<< 235856003 . 116676008) . 116680003", [Morphology] },
        { "<< 235856003 . 116676008 . 116680003", [Morphology] },
        { "22298006 . *", [Heart, Infarct] },
        { "< 64572001 . < 410662002", [Liver, Heart, Inflammation, Infarct, Disease, LiverDisorder, Hepatitis, Infarction] },
        { "< 64572001 . (< 410662002 MINUS 116680003)", [Liver, Heart, Inflammation, Infarct] },
    };

    [Theory]
    [MemberData(nameof(Hierarchy))]
    [MemberData(nameof(Compound))]
    [MemberData(nameof(Refinements))]
    [MemberData(nameof(ConcreteValues))]
    [MemberData(nameof(Dotted))]
    public void Given_the_fake_edition_When_evaluated_Then_the_expected_concepts(string ecl, long[] expected) =>
        Assert.Equal(expected.Order(), Eval(ecl));

    [Fact]
    public void Given_the_wildcard_When_evaluated_Then_every_active_concept_of_the_hierarchy()
    {
        Assert.Equal(Data.Count - 3, Eval("*").Length);
        Assert.Equal(Eval("<< 138875005"), Eval("ANY"));
        Assert.Equal(Data.Count, Eval("* {{ C active = 1 }} OR * {{ C active = 0 }}").Length);
    }

    [Fact]
    public void Given_a_result_Then_positions_are_ascending_and_Contains_agrees()
    {
        var set = Engine.Snomed.Ecl.EclEvaluator.Evaluate(Engine.Snomed.Ecl.EclParser.Parse("<< 138875005"), Data);
        var positions = set.ToArray();
        Assert.Equal(positions.Order(), positions);
        Assert.Equal(set.Count, positions.Length);
        Assert.All(positions, p => Assert.True(set.Contains(p)));
        Assert.False(set.Contains(-1));
        Assert.False(set.Contains(Data.Count));
    }
}
