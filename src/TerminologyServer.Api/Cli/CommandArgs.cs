namespace TerminologyServer.Api.Cli;

/// <summary>
/// The arguments after a verb: positionals, <c>--name value</c> / <c>--name=value</c> options and declared flags.
/// Reading marks an option as used; <see cref="RejectUnused"/> reports the ones a verb does not know.
/// </summary>
public sealed class CommandArgs
{
    private readonly List<string> positionals = [];
    private readonly Dictionary<string, string?> options = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> used = new(StringComparer.OrdinalIgnoreCase);

    public IReadOnlyList<string> Positionals => positionals;

    public static CommandArgs Parse(IReadOnlyList<string> tokens, IReadOnlyCollection<string> flags)
    {
        var result = new CommandArgs();
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (!token.StartsWith("--", StringComparison.Ordinal) || token.Length == 2)
            {
                result.positionals.Add(token);
                continue;
            }

            var name = token[2..];
            string? value = null;
            if (name.IndexOf('=') is var eq and > 0)
            {
                value = name[(eq + 1)..];
                name = name[..eq];
            }
            else if (!flags.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                if (i + 1 >= tokens.Count)
                {
                    throw new CommandException($"option --{name} needs a value.", CommandException.Usage);
                }

                value = tokens[++i];
            }

            if (!result.options.TryAdd(name, value))
            {
                throw new CommandException($"option --{name} is given twice.", CommandException.Usage);
            }
        }

        return result;
    }

    /// <summary>The positional argument at <paramref name="index"/>; missing → a usage error naming it.</summary>
    public string Positional(int index, string name) =>
        index < positionals.Count ? positionals[index] : throw new CommandException($"missing argument <{name}>.", CommandException.Usage);

    public string? Option(string name)
    {
        used.Add(name);
        return options.TryGetValue(name, out var value) ? value : null;
    }

    public bool Flag(string name)
    {
        used.Add(name);
        return options.ContainsKey(name);
    }

    /// <summary>Throws a usage error for options the verb did not read and for positionals beyond <paramref name="maxPositionals"/>.</summary>
    public void RejectUnused(int maxPositionals)
    {
        var unknown = options.Keys.Where(k => !used.Contains(k)).ToList();
        if (unknown.Count > 0)
        {
            throw new CommandException($"unknown option {string.Join(", ", unknown.Select(k => "--" + k))}.", CommandException.Usage);
        }

        if (positionals.Count > maxPositionals)
        {
            throw new CommandException($"unexpected argument '{positionals[maxPositionals]}'.", CommandException.Usage);
        }
    }
}
