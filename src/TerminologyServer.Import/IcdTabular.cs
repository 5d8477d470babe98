using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;

namespace TerminologyServer.Import;

/// <summary>
/// The chapter and section layer of the CDC ICD-10-CM Tabular List XML
/// (<c>ICD10CM.tabular/chapter(name, desc)/section[@id](desc)/diag(name)</c>). Chapters become concepts coded by
/// their range (<c>A00-B99</c>), sections by their id (<c>A00-A09</c>; a one-category section <c>C7A</c> as <c>C7A-C7A</c>); a 3-character category's parent is the
/// section that lists it, or else the section whose range covers it (for categories newer than the XML).
/// </summary>
internal sealed partial class IcdTabular
{
    private readonly List<(string Code, string Display, string? Parent, string Kind)> _groups = [];
    private readonly Dictionary<string, string> _sectionOfCategory = new(StringComparer.Ordinal);
    private readonly List<(string Start, string End, string Id)> _ranges = [];

    public static IcdTabular Read(string path, ImportPosition position)
    {
        var result = new IcdTabular();
        using var stream = SourceFiles.Open(path, position);
        using var xml = XmlReader.Create(stream, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, IgnoreComments = true, IgnoreWhitespace = true });
        try
        {
            xml.MoveToContent();
            if (xml.LocalName != "ICD10CM.tabular")
            {
                throw new ImportException($"not an ICD-10-CM Tabular List XML (root element <{xml.LocalName}>, expected <ICD10CM.tabular>).", path);
            }

            while (xml.ReadToFollowing("chapter"))
            {
                result.ReadChapter(xml.ReadSubtree(), path);
            }
        }
        catch (InvalidDataException e)
        {
            throw new ImportException($"the compressed file is damaged or truncated ({e.Message})", path);
        }
        catch (XmlException e)
        {
            throw new ImportException($"the Tabular List XML is malformed or truncated: {e.Message}", path, e.LineNumber);
        }

        if (result._groups.Count == 0)
        {
            throw new ImportException("no chapters found in the Tabular List XML.", path);
        }

        result._ranges.Sort((a, b) => string.CompareOrdinal(a.Start, b.Start));
        return result;
    }

    public IEnumerable<ImportedConcept> Concepts()
    {
        foreach (var (code, display, parent, kind) in _groups)
        {
            var c = new ImportedConcept(code, display).Property("notSelectable", true).Property("kind", Engine.CodeSystems.PropertyType.Code, kind);
            if (parent is not null)
            {
                c.Parent(parent);
            }

            yield return c;
        }
    }

    /// <summary>The section of a 3-character category, or null when no section covers it.</summary>
    public string? SectionOf(string category)
    {
        if (_sectionOfCategory.TryGetValue(category, out var section))
        {
            return section;
        }

        string? best = null;
        foreach (var (start, end, id) in _ranges)
        {
            if (string.CompareOrdinal(start, category) <= 0 && string.CompareOrdinal(category, end) <= 0)
            {
                best = id;
            }
        }

        return best;
    }

    // One chapter at a time as an XElement: the largest is a few MB, the whole file never is in memory.
    private void ReadChapter(XmlReader reader, string path)
    {
        reader.MoveToContent();
        var chapter = (XElement)XNode.ReadFrom(reader);
        var desc = chapter.Element("desc")?.Value.Trim() ?? throw new ImportException("a chapter has no description.", path);
        var m = ChapterRange().Match(desc);
        var code = m.Success ? m.Groups[1].Value : throw new ImportException($"chapter '{desc}' has no code range.", path);
        _groups.Add((code, desc, null, "chapter"));
        foreach (var section in chapter.Elements("section"))
        {
            var id = section.Attribute("id")?.Value ?? throw new ImportException($"a section of chapter {code} has no id.", path);
            var parts = id.Split('-');
            // A one-category section (id "C7A") would share its code with the category: code it as a range.
            id = parts.Length == 1 ? $"{id}-{id}" : id;
            _ranges.Add((parts[0], parts[^1], id));
            _groups.Add((id, section.Element("desc")?.Value.Trim() ?? id, code, "section"));
            foreach (var diag in section.Elements("diag"))
            {
                if (diag.Element("name")?.Value.Trim() is { Length: > 0 } name)
                {
                    _sectionOfCategory.TryAdd(name, id);
                }
            }
        }
    }

    [GeneratedRegex(@"\(([A-Z0-9]{3}-[A-Z0-9]{3})\)\s*$")]
    private static partial Regex ChapterRange();
}
