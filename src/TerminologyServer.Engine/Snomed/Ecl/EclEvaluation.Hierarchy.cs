namespace TerminologyServer.Engine.Snomed.Ecl;

// The hierarchy operators on a set: one walk of the IS-A graph per operator, each concept visited once.
internal sealed partial class EclEvaluation
{
    private EclBits Hierarchy(EclHierarchyOperator op, EclBits operand)
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
    internal EclBits Closure(EclBits start, bool down, bool includeSelf)
    {
        var visited = new EclBits(Data.Count);
        var stack = new Stack<int>();
        foreach (var concept in start)
        {
            stack.Push(concept);
        }

        while (stack.Count > 0)
        {
            var concept = stack.Pop();
            var next = down ? Data.Children(concept) : Data.Parents(concept);
            Budget.Charge(next.Length + 1);
            foreach (var n in next)
            {
                if (!visited.Get(n))
                {
                    visited.Set(n);
                    stack.Push(n);
                }
            }
        }

        if (includeSelf)
        {
            visited.Or(start);
        }

        return visited;
    }

    private EclBits Neighbours(EclBits start, bool down, bool includeSelf)
    {
        var result = includeSelf ? start.Copy() : new EclBits(Data.Count);
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
