using TerminologyServer.Api.Cli;
using TerminologyServer.Api.Startup;

// `TerminologyServer.Api import icd10cm <file>` and the other verbs run a command against the configured database
// and exit; without a verb the server starts.
var command = CommandLine.Find(args);
var builder = WebApplication.CreateBuilder(command is null ? args : CommandLine.ConfigurationArgs(args));
builder.AddTerminologyServer(serve: command is null);
var app = builder.Build();
if (command is not null)
{
    return await CommandLine.RunAsync(app.Services, command, args);
}

app.UseTerminologyServer();
await app.RunAsync();
return 0;

public partial class Program;
