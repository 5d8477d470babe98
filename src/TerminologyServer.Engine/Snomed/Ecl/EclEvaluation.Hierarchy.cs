namespace TerminologyServer.Engine.Snomed.Ecl;

// The hierarchy operators on a set: one walk of the IS-A graph per operator, each concept visited once.
internal sealed partial class EclEvaluation
{
    private Bits Hierarchy(EclHierarchyOperator op, Bits operand)
    {
        switch (op)
        {
            case EclHierarchyOperator.DescendantOf:
                return Closure(operand, down: true, includeSelf: false);
            case EclHierarchyOperator.DescendantOrSelfOf:
                return Closure(operand, down: true, includeSelf: true);
            case EclHierarchyOperator.AncestorOf:
                return Closure(operand, down: false, includeSelf: false);
            case EclHierarchyOperator.AncestorOrSelfOf:
                return Closure(operand, down: false, includeSelf: true);
            case EclHierarchyOperator.ChildOf:
                return Neighbours(operand, down: true, includeSelf: false);
            case EclHierarchyOperator.ChildOrSelfOf:
                return Neighbours(operand, down: true, includeSelf: true);
            case EclHierarchyOperator.ParentOf:
                return Neighbours(operand, down: false, includeSelf: false);
            case EclHierarchyOperator.ParentOrSelfOf:
                return Neighbours(operand, down: false, includeSelf: true);
            case EclHierarchyOperator.Top:
            {
                // The members that are no proper descendant of another member.
                var result = operand.Copy();
                result.AndNot(Closure(operand, down: true, includeSelf: false));
                return result;
            }

            default:
            {
                var result = operand.Copy();
                result.AndNot(Closure(operand, down: false, includeSelf: false));
                return result;
            }
        }
    }

    /// <summary>All proper descendants (or ancestors) of the members, plus the members with <paramref name="includeSelf"/>.</summary>
    internal Bits Closure(Bits start, bool down, bool includeSelf)
    {
        // Depth-first with an array stack: each concept is pushed once (when first seen), so the stack never
        // holds more than Count entries and the work is the number of IS-A edges walked.
        var visited = new Bits(Data.Count);
        var stack = new int[Math.Max(16, Math.Min(Data.Count, 1024))];
        var top = 0;
        foreach (var concept in start)
        {
            Push(ref stack, ref top, concept);
        }

        long work = 0;
        while (top > 0)
        {
            var concept = stack[--top];
            var next = down ? Data.Children(concept) : Data.Parents(concept);
            work += next.Length + 1;
            foreach (var n in next)
            {
                if (!visited.Get(n))
                {
                    visited.Set(n);
                    Push(ref stack, ref top, n);
                }
            }

            if (work >= 4096)
            {
                Budget.Charge(work);
                work = 0;
            }
        }

        Budget.Charge(work);
        if (includeSelf)
        {
            visited.Or(start);
        }

        return visited;
    }

    private static void Push(ref int[] stack, ref int top, int concept)
    {
        if (top == stack.Length)
        {
            Array.Resize(ref stack, stack.Length * 2);
        }

        stack[top++] = concept;
    }

    private Bits Neighbours(Bits start, bool down, bool includeSelf)
    {
        var result = includeSelf ? start.Copy() : new Bits(Data.Count);
        foreach (var concept in start)
        {
            var next = down ? Data.Children(concept) : Data.Parents(concept);
            Budget.Charge(next.Length + 1);
            foreach (var n in next)
            {
                result.Set(n);
            }
        }

        return result;
    }
}
