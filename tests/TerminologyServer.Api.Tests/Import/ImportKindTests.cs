using System.IO.Compression;
using System.Net;
using Hl7.Fhir.Model;
using Microsoft.Extensions.DependencyInjection;
using TerminologyServer.Api.Cli;
using TerminologyServer.Api.Tests.Infrastructure;
using TerminologyServer.Import;
using TerminologyServer.Storage;
using TerminologyServer.Tests;

namespace TerminologyServer.Api.Tests.Import;

/// <summary>One registry of import kinds: the CLI verbs and <c>$import</c> take the same kinds with the same options.</summary>
public sealed class ImportKindTests(SqliteFixture fixture) : IClassFixture<SqliteFixture>
{
    [Fact]
    public void GivenTheRegistry_WhenTheCliIsAsked_ThenEveryKindIsAVerbWithItsOptions()
    {
        foreach (var kind in ImportKinds.All)
        {
            var verb = CommandLine.Find(["import", kind.Name]);
            Assert.NotNull(verb);
            Assert.Equal("import " + kind.Name, verb.Name);
            Assert.All(kind.Options, o => Assert.Contains("--" + o.Name, verb.Usage, StringComparison.Ordinal));
        }

        Assert.Contains("--tabular <xml>", CommandLine.Find(["import", "icd10cm"])!.Usage, StringComparison.Ordinal);
    }

    [Fact]
    public async System.Threading.Tasks.Task GivenAnUnknownKind_WhenPosted_ThenThe400NamesEveryRegisteredKind()
    {
        var response = await fixture.Writer.PostAsync("/fhir/CodeSystem/$import?kind=nope", new StringContent("x"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var text = (await Wire.ReadOutcomeAsync(response)).Issue[0].Diagnostics ?? "";
        Assert.All(ImportKinds.Names, name => Assert.Contains(name, text, StringComparison.Ordinal));
    }

    [Fact]
    public async System.Threading.Tasks.Task GivenAZipOfTheOrderFileAndTheTabularXml_WhenPostedWithTabular_ThenChaptersAreServed()
    {
        var zip = Path.Combine(Path.GetTempPath(), $"icd-tabular-{Guid.NewGuid():N}.zip");
        try
        {
            using (var archive = ZipFile.Open(zip, ZipArchiveMode.Create))
            {
                archive.CreateEntryFromFile(SharedData.Icd10Cm2021, Path.GetFileName(SharedData.Icd10Cm2021));
                archive.CreateEntryFromFile(SharedData.Tabular2021, Path.GetFileName(SharedData.Tabular2021));
            }

            var response = await fixture.Writer.PostAsync(
                $"/fhir/CodeSystem/$import?kind=icd10cm&version=2021&tabular={Path.GetFileName(SharedData.Tabular2021)}", new ByteArrayContent(File.ReadAllBytes(zip)));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal((95_358 + 22 + 296).ToString(System.Globalization.CultureInfo.InvariantCulture), (await Wire.ReadAsync<Parameters>(response)).Value("concepts"));
            var chapter = await Wire.ReadAsync<Parameters>(await fixture.Client.GetAsync("/fhir/CodeSystem/$lookup?system=http://hl7.org/fhir/sid/icd-10-cm&version=2021&code=A00-B99"));
            Assert.Equal("2021", chapter.Value("version"));
        }
        finally
        {
            File.Delete(zip);
        }
    }

    [Fact]
    public async System.Threading.Tasks.Task GivenTabularWithoutAZip_WhenPosted_ThenItIs400SayingToSendAZip()
    {
        var response = await fixture.Writer.PostAsync("/fhir/CodeSystem/$import?kind=icd10cm&version=2021&tabular=t.xml", new ByteArrayContent(File.ReadAllBytes(SharedData.Icd10Cm2021)));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("zip", (await Wire.ReadOutcomeAsync(response)).Issue[0].Diagnostics, StringComparison.Ordinal);
    }

    [Fact]
    public async System.Threading.Tasks.Task GivenTheTabularOption_WhenTheCliImports_ThenChaptersSitAboveTheCategories()
    {
        string[] args = ["import", "icd10cm", SharedData.Icd10Cm2021, "--version", "2019", "--tabular", SharedData.Tabular2021];
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await CommandLine.RunAsync(fixture.Factory.Services, CommandLine.Find(args)!, args, new CommandConsole(output, error, false));
        Assert.True(exit == 0, error.ToString());
        Assert.Contains("CodeSystem/icd-10-cm-2019", output.ToString(), StringComparison.Ordinal);
        await fixture.Factory.Services.GetRequiredService<IndexSynchronizer>().SyncAsync();
        var a00 = await Wire.ReadAsync<Parameters>(await fixture.Client.GetAsync("/fhir/CodeSystem/$lookup?system=http://hl7.org/fhir/sid/icd-10-cm&version=2019&code=A00&property=parent"));
        Assert.Contains(a00.Parameter, p => p.Name == "property" && p.Part.Any(x => x.Value is Code { Value: "A00-A09" }));
    }
}
