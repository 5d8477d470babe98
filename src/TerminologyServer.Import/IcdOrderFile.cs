using TerminologyServer.Engine.CodeSystems;

namespace TerminologyServer.Import;

/// <summary>
/// Reads the CMS ICD-10 order-file layout (ICD-10-CM and ICD-10-PCS share it; fixed width, 1-based columns):
/// 1-5 order number, 7-13 code without dot, 15 flag (1 billable/valid, 0 header), 17-76 short description,
/// 78- long description. A code's parent is its longest proper prefix (at least 3 characters) already read.
/// </summary>
internal static class IcdOrderFile
{
    /// <summary>The designation use of the short (abbreviated) description: SNOMED CT "Synonym".</summary>
    public static readonly DesignationUse ShortUse = new("http://snomed.info/sct", "900000000000013009", "Synonym");

    /// <summary>What distinguishes CM from PCS: code shape, the shown form, the parent of a 3-character code.</summary>
    public sealed record Rules(string Kind, Func<string, string?> CheckCode, Func<string, string> Show, Func<string, string?> RootParent);

    public static IEnumerable<ImportedConcept> Read(string path, ImportPosition position, Rules rules)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (number, line) in SourceFiles.ReadLines(path, position))
        {
            if (line.Length == 0 || string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            if (line.Length < 78 || !IsDigits(line.AsSpan(0, 5)) || line[5] != ' ' || line[13] != ' ' || line[15] != ' ' || line[76] != ' ' || line[14] is not ('0' or '1'))
            {
                throw new ImportException(
                    $"not a line of an {rules.Kind} order file (expected: 5-digit order number, code in columns 7-13, flag 0/1 in column 15, short description in 17-76, long description from 78).",
                    path, number);
            }

            var code = line[6..13].TrimEnd();
            if (rules.CheckCode(code) is { } problem)
            {
                throw new ImportException($"'{code}' is not an {rules.Kind} code: {problem}.", path, number);
            }

            if (!seen.Add(code))
            {
                throw new ImportException($"duplicate code {rules.Show(code)}.", path, number);
            }

            var billable = line[14] == '1';
            var shortText = line[16..76].TrimEnd();
            var longText = line[77..].Trim();
            var concept = new ImportedConcept(rules.Show(code), longText.Length > 0 ? longText : shortText);
            var parent = Parent(code, seen) is { } p ? rules.Show(p) : code.Length == 3 ? rules.RootParent(code) : null;
            if (parent is not null)
            {
                concept.Parent(parent);
            }

            concept.Property("billable", billable);
            if (!billable)
            {
                concept.Property("notSelectable", true);
            }

            if (shortText.Length > 0)
            {
                concept.Designation(new Designation("en", ShortUse, shortText));
            }

            yield return concept;
        }

        if (seen.Count == 0)
        {
            throw new ImportException($"no codes found: not an {rules.Kind} order file.", path);
        }
    }

    private static string? Parent(string code, HashSet<string> seen)
    {
        for (var len = code.Length - 1; len >= 3; len--)
        {
            if (seen.Contains(code[..len]))
            {
                return code[..len];
            }
        }

        return null;
    }

    private static bool IsDigits(ReadOnlySpan<char> s)
    {
        foreach (var c in s)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    public static bool IsCodeChars(string code)
    {
        foreach (var c in code)
        {
            if (!char.IsAsciiDigit(c) && !char.IsAsciiLetterUpper(c))
            {
                return false;
            }
        }

        return true;
    }
}
