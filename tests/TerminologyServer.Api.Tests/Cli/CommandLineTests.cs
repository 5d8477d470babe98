using Microsoft.Extensions.DependencyInjection;
using TerminologyServer.Api.Cli;
using TerminologyServer.Import;
using Xunit;

namespace TerminologyServer.Api.Tests.Cli;

public sealed class CommandLineTests
{
    [Fact]
    public void No_verb_starts_the_server()
    {
        Assert.Null(CommandLine.Find([]));
        Assert.Null(CommandLine.Find(["--urls", "http://127.0.0.1:5000"]));
        Assert.Null(CommandLine.Find(["--Storage:Provider=PostgreSql"]));
    }

    [Fact]
    public void Help_is_found_by_name_and_by_flag()
    {
        Assert.Equal("help", CommandLine.Find(["help"])!.Name);
        Assert.Equal("help", CommandLine.Find(["--help"])!.Name);
    }

    [Fact]
    public void Configuration_arguments_go_to_the_host_and_not_to_the_verb()
    {
        string[] args = ["help", "--Storage:Provider=Sqlite", "x"];
        Assert.Equal(["--Storage:Provider=Sqlite"], CommandLine.ConfigurationArgs(args));
        Assert.Equal("help", CommandLine.Find(args)!.Name);
    }

    [Fact]
    public void Options_flags_and_positionals_are_parsed()
    {
        var args = CommandArgs.Parse(["file.txt", "--version", "2026", "--dry-run", "--tabular=t.xml"], ["dry-run"]);
        Assert.Equal("file.txt", args.Positional(0, "file"));
        Assert.Equal("2026", args.Option("version"));
        Assert.Equal("t.xml", args.Option("tabular"));
        Assert.True(args.Flag("dry-run"));
        Assert.False(args.Flag("force"));
        args.RejectUnused(1);
    }

    [Fact]
    public void Wrong_usage_is_a_usage_error()
    {
        Assert.Equal(CommandException.Usage, Assert.Throws<CommandException>(() => CommandArgs.Parse(["--version"], [])).ExitCode);
        Assert.Equal(CommandException.Usage, Assert.Throws<CommandException>(() => CommandArgs.Parse(["--a", "1", "--a", "2"], [])).ExitCode);
        var args = CommandArgs.Parse(["f", "g", "--colour", "red"], []);
        Assert.Contains("<file>", Assert.Throws<CommandException>(() => CommandArgs.Parse([], []).Positional(0, "file")).Message);
        Assert.Contains("--colour", Assert.Throws<CommandException>(() => args.RejectUnused(2)).Message);
        args.Option("colour");
        Assert.Contains("'g'", Assert.Throws<CommandException>(() => args.RejectUnused(1)).Message);
    }

    [Fact]
    public async Task Help_lists_every_verb()
    {
        var output = new StringWriter();
        var console = new CommandConsole(output, new StringWriter(), interactive: false);
        var services = new ServiceCollection().BuildServiceProvider();
        Assert.Equal(0, await CommandLine.RunAsync(services, CommandLine.Find(["help"])!, ["help"], console));
        foreach (var command in CommandLine.Commands)
        {
            Assert.Contains(command.Usage, output.ToString());
        }
    }

    [Fact]
    public void Progress_prints_one_line_per_tenth_when_redirected()
    {
        var error = new StringWriter();
        var progress = new ConsoleProgress(new CommandConsole(new StringWriter(), error, interactive: false), "import");
        for (var i = 0; i <= 1000; i++)
        {
            progress.Report(new(i, 1000, ProgressUnit.Resources));
        }

        progress.Finish();
        var lines = error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(11, lines.Length);
        Assert.Equal("import: 100% (1,000/1,000 resources)", lines[^1].TrimEnd());
    }

    [Fact]
    public void Progress_of_input_bytes_says_it_counts_megabytes_of_the_input_files()
    {
        var error = new StringWriter();
        var progress = new ConsoleProgress(new CommandConsole(new StringWriter(), error, interactive: false), "import icd10cm");

        progress.Report(new(5 * 1_048_576, 20 * 1_048_576, ProgressUnit.InputBytes));

        Assert.Equal("import icd10cm: 25% (5.0/20.0 MB of input read)", error.ToString().TrimEnd());
    }
}
