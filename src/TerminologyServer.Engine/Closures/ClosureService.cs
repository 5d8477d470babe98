using System.Globalization;
using Hl7.Fhir.Model;
using TerminologyServer.Engine.CodeSystems;
using TerminologyServer.Engine.Subsumes;

namespace TerminologyServer.Engine.Closures;

/// <summary>
/// <c>$closure</c>: maintains a client's transitive closure table. The client names a table, sends the concepts it meets,
/// and receives only the subsumption rows it does not have yet, numbered by version so that it can ask again for
/// everything since a version it holds. See https://hl7.org/fhir/R4/conceptmap-operation-closure.html and
/// https://hl7.org/fhir/R4/terminology-service.html#closure. Subsumption is the engine's (<see cref="SubsumptionService"/>),
/// so it covers CodeSystem hierarchies, SNOMED CT editions and grammar systems alike. The table itself is kept by the caller
/// (the server stores it); this class only computes.
/// </summary>
public sealed class ClosureService(SubsumptionService subsumption)
{
    /// <summary>The version of a table just initialised.</summary>
    public const int InitialVersion = 1;

    /// <summary>The longest closure name accepted (it is a database key).</summary>
    public const int MaxNameLength = 256;

    /// <summary>How many concepts one call may send; every new concept is compared with every concept of its system in the table.</summary>
    public int MaxConceptsPerCall { get; init; } = 1_000;

    /// <summary>How many concepts one table may hold, so that a call stays a bounded amount of work.</summary>
    public int MaxConceptsPerTable { get; init; } = 10_000;

    /// <summary>Checks a closure name: present, not blank, at most <see cref="MaxNameLength"/> characters.</summary>
    public static string CheckName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw TerminologyException.Invalid("CLOSURE_NO_NAME", "The parameter 'name' (the closure table) is required.");
        }

        return name.Length > MaxNameLength
            ? throw TerminologyException.Invalid("CLOSURE_NAME_TOO_LONG", $"A closure name may have at most {MaxNameLength} characters.")
            : name;
    }

    /// <summary>
    /// Adds <paramref name="codings"/> to <paramref name="table"/>: concepts already in the table (or given twice) are
    /// skipped; each new concept is compared with every concept of the same code system that was given before it
    /// (in the table or earlier in this call). The update has version + 1, or the same version when no concept was new.
    /// Every coding must name a known system and code, else nothing is added (a <see cref="TerminologyException"/>,
    /// not-found for an unknown code system or code, invalid for a coding without system or code).
    /// </summary>
    public ClosureUpdate AddConcepts(ClosureTable table, IReadOnlyList<Coding> codings, ICodeSystemProvider codeSystems)
    {
        if (codings.Count > MaxConceptsPerCall)
        {
            throw new TerminologyException(OperationOutcome.IssueType.TooCostly, "CLOSURE_TOO_MANY_CONCEPTS",
                $"At most {MaxConceptsPerCall} concepts may be added to a closure in one call ({codings.Count} were sent).");
        }

        CheckConcepts(codings);
        var version = table.Version + 1;
        var known = new HashSet<(string, string)>(table.Concepts.Select(c => (c.System, c.Code)));
        var added = new List<ClosureConcept>();
        foreach (var coding in codings)
        {
            var concept = Check(coding, codeSystems, version);
            if (known.Add((concept.System, concept.Code)))
            {
                added.Add(concept);
            }
        }

        if (table.Concepts.Count + added.Count > MaxConceptsPerTable)
        {
            throw new TerminologyException(OperationOutcome.IssueType.TooCostly, "CLOSURE_TABLE_FULL",
                $"The closure '{table.Name}' would hold {table.Concepts.Count + added.Count} concepts; this server keeps at most {MaxConceptsPerTable} per closure.");
        }

        if (added.Count == 0)
        {
            return new ClosureUpdate(table.Version, [], []);
        }

        // Concepts of the table whose code system has gone since (deleted, or that version replaced) cannot be compared:
        // they keep the rows already sent and get no new ones.
        var before = table.Concepts.Where(c => Resolves(c, codeSystems)).ToList();
        var entries = new List<ClosureEntry>();
        foreach (var concept in added)
        {
            foreach (var other in before)
            {
                if (other.System == concept.System && Relate(concept, other, codeSystems, version) is { } entry)
                {
                    entries.Add(entry);
                }
            }

            before.Add(concept);
        }

        return new ClosureUpdate(version, added, entries);
    }

    /// <summary>
    /// The rows sent after closure version <paramref name="version"/> (a resynchronisation: the client lost what the
    /// later responses carried). <c>0</c> gives every row. A version that is not a whole number, or one this server has
    /// not reached, is invalid.
    /// </summary>
    public static IReadOnlyList<ClosureEntry> Since(ClosureTable table, string version)
    {
        if (!int.TryParse(version, NumberStyles.None, CultureInfo.InvariantCulture, out var since))
        {
            throw TerminologyException.Invalid("CLOSURE_BAD_VERSION", $"The closure version '{version}' is not a whole number.");
        }

        return since > table.Version
            ? throw TerminologyException.Invalid("CLOSURE_UNKNOWN_VERSION",
                $"The closure '{table.Name}' is at version {table.Version}; version {since} was never sent, so there is nothing to resynchronise from.")
            : table.Entries.Where(e => e.AddedIn > since).ToList();
    }

    /// <summary>
    /// The answer of the operation: a ConceptMap with the closure's <paramref name="version"/> and one group per code
    /// system (source and target the same system), one element per source code.
    /// </summary>
    public static ConceptMap ToConceptMap(string name, int version, IEnumerable<ClosureEntry> entries, DateTimeOffset now)
    {
        var map = new ConceptMap
        {
            Version = version.ToString(CultureInfo.InvariantCulture),
            Title = $"Updates for closure table {name}",
            Status = PublicationStatus.Active,
            Experimental = false,
            Date = now.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture),
        };
        foreach (var bySystem in entries.GroupBy(e => e.System, StringComparer.Ordinal))
        {
            var group = new ConceptMap.GroupComponent { Source = bySystem.Key, Target = bySystem.Key };
            foreach (var byCode in bySystem.GroupBy(e => e.Code, StringComparer.Ordinal))
            {
                var element = new ConceptMap.SourceElementComponent { Code = byCode.Key };
                element.Target.AddRange(byCode.Select(e => new ConceptMap.TargetElementComponent { Code = e.TargetCode, Equivalence = e.Equivalence }));
                group.Element.Add(element);
            }

            map.Group.Add(group);
        }

        return map;
    }

    /// <summary>
    /// Checks that every coding has a system and a code (before any closure is looked up, so that a malformed call
    /// is a 400 whatever the name); throws an invalid <see cref="TerminologyException"/> naming the first that has not.
    /// </summary>
    public static void CheckConcepts(IReadOnlyList<Coding> codings)
    {
        for (var i = 0; i < codings.Count; i++)
        {
            if (string.IsNullOrEmpty(codings[i].System) || string.IsNullOrEmpty(codings[i].Code))
            {
                throw new TerminologyException(OperationOutcome.IssueType.Invalid, "CLOSURE_INCOMPLETE_CONCEPT",
                    $"Concept {i + 1} needs both a system and a code to be added to a closure.");
            }
        }
    }

    private ClosureConcept Check(Coding coding, ICodeSystemProvider codeSystems, int version)
    {
        // A code compared with itself resolves the system, version and code exactly as $subsumes does, with its not-found issues.
        subsumption.Subsumes(new SubsumesRequest { System = coding.System, Version = coding.Version, CodeA = coding.Code, CodeB = coding.Code }, codeSystems);
        return new ClosureConcept(coding.System!, coding.Code!, string.IsNullOrEmpty(coding.Version) ? null : coding.Version, version);
    }

    private static bool Resolves(ClosureConcept concept, ICodeSystemProvider codeSystems) =>
        codeSystems.Find(concept.System, concept.SystemVersion)?.Find(concept.Code) is not null;

    private ClosureEntry? Relate(ClosureConcept concept, ClosureConcept other, ICodeSystemProvider codeSystems, int version)
    {
        var systemVersion = concept.SystemVersion ?? other.SystemVersion;
        if (codeSystems.Find(concept.System, systemVersion)?.Find(other.Code) is null)
        {
            // Given with another version of the code system, in which the new concept's version does not know it.
            return null;
        }

        var outcome = subsumption.Subsumes(
            new SubsumesRequest { System = concept.System, Version = systemVersion, CodeA = concept.Code, CodeB = other.Code },
            codeSystems);
        // The row starts at the concept just added: "other is-a concept" reads as the target specializing the source.
        return outcome switch
        {
            SubsumptionOutcome.SubsumedBy => new ClosureEntry(concept.System, concept.Code, other.Code, ConceptMapEquivalence.Subsumes, version),
            SubsumptionOutcome.Subsumes => new ClosureEntry(concept.System, concept.Code, other.Code, ConceptMapEquivalence.Specializes, version),
            _ => null,
        };
    }
}
