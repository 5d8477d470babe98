namespace TerminologyServer.Engine.Snomed;

/// <summary>
/// The one place the SNOMED CT operations call the Expression Constraint Language: the <c>constraint</c> and
/// <c>expression</c> filters and the implicit value sets <c>?fhir_vs=ecl/...</c>. The parser and evaluator live in
/// <c>Snomed/Ecl/</c> (written separately); until they are merged this answers not-supported, so no ECL is ever
/// answered wrongly.
/// </summary>
public static class SnomedEcl
{
    /// <summary>
    /// The sorted positions of the concepts <paramref name="ecl"/> selects in <paramref name="data"/>. Throws a
    /// <see cref="TerminologyException"/>: invalid (400) for a syntax error, saying where and what was expected;
    /// too-costly (422) for an expression over the evaluation bounds.
    /// </summary>
    public static int[] Evaluate(ISnomedData data, string ecl)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(ecl);

        // Merge point: return EclEvaluator.Evaluate(data, EclParser.Parse(ecl)) (EclSyntaxException -> Invalid).
        throw TerminologyException.NotSupported(
            "SCT_ECL_NOT_AVAILABLE",
            $"The SNOMED CT Expression Constraint Language is not available in this build of the server, so '{ecl}' cannot be evaluated.");
    }
}
