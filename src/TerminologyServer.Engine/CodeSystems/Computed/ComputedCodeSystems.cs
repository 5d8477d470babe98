namespace TerminologyServer.Engine.CodeSystems.Computed;

/// <summary>
/// The code systems the engine defines by code, which validators ask about on almost every resource and the FHIR
/// R4 specification does not define in full: BCP-47 language tags, UCUM units, media types, ISO 3166 countries
/// and ISO 4217 currencies.
/// </summary>
public static class ComputedCodeSystems
{
    /// <summary>The registry key prefix under which computed code systems are held (never a storage id).</summary>
    public const string KeyPrefix = "computed:";

    private static readonly Lazy<IReadOnlyList<CodeSystemIndex>> BuiltIn = new(() =>
        CodeSystemBehaviours.Defined.Select(ToIndex).ToList());

    /// <summary>The built-in computed code systems, built once per process.</summary>
    public static IReadOnlyList<CodeSystemIndex> All => BuiltIn.Value;

    /// <summary>Adds every built-in computed code system to <paramref name="registry"/> and returns it.</summary>
    public static CodeSystemRegistry Register(CodeSystemRegistry registry)
    {
        foreach (var index in All)
        {
            registry.Put(KeyPrefix + index.Url, index);
        }

        return registry;
    }

    /// <summary>An index holding the listed codes of <paramref name="system"/>, whose lookups of other codes ask its grammar (the behaviour of its url).</summary>
    public static CodeSystemIndex ToIndex(ComputedCodeSystem system)
    {
        var builder = new CodeSystemIndexBuilder(system.Info);
        foreach (var property in system.Properties)
        {
            builder.DeclareProperty(property);
        }

        foreach (var code in system.Known)
        {
            var i = builder.AddConcept(code.Code, code.Display, null);
            if (code.Parent is { } parent)
            {
                builder.AddParent(i, parent);
            }

            foreach (var property in code.Properties ?? [])
            {
                builder.AddProperty(i, property);
            }

            foreach (var designation in code.Designations ?? [])
            {
                builder.AddDesignation(i, designation);
            }
        }

        // The index finds its behaviour by url (CodeSystemBehaviours): the registered instance of this system.
        return builder.Build();
    }
}
