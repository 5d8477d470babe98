namespace TerminologyServer.Engine.Snomed.Ecl;

/// <summary>The work one evaluation may still do, and its cancellation.</summary>
internal sealed class EclBudget(EclLimits limits, CancellationToken cancellation)
{
    private long _work;

    public long Work => _work;

    /// <summary>Counts <paramref name="units"/> of work; throws when the budget is spent or the caller gave up.</summary>
    public void Charge(long units)
    {
        var before = _work;
        _work += units;
        if (_work > limits.MaxWork)
        {
            throw new EclTooCostlyException(limits.MaxWork);
        }

        // Checking the token costs little, but not on every single unit.
        if ((before >> 14) != (_work >> 14))
        {
            cancellation.ThrowIfCancellationRequested();
        }
    }
}
