using Microsoft.Playwright;
using TerminologyServer.Api.Tests.Web;

namespace TerminologyServer.Web.Tests;

/// <summary>The search site in a real browser: typing, results, the 72275 page in the seed's order, similar codes, the keyboard.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SearchPageBrowserTests(BrowserFixture fixture)
{
    private const float Timeout = 30_000;

    [SkippableFact]
    public async Task Given_a_misspelt_word_When_typed_Then_did_you_mean_links_to_the_spelling_of_the_best_result()
    {
        fixture.SkipIfUnavailable();
        var page = await NewPageAsync();

        await page.GotoAsync(fixture.BaseUrl + "/");
        await page.Locator("#q").PressSequentiallyAsync("myleography", new() { Delay = 30 });
        // Results come as the user types: wait for those of the whole word, not a suggestion for "myleogra".
        await page.Locator("#status:has-text('\u201cmyleography\u201d')").WaitForAsync(new() { Timeout = Timeout });
        var suggestion = page.Locator("#did-you-mean a");
        await suggestion.WaitForAsync(new() { Timeout = Timeout });

        Assert.Equal("myelography", await suggestion.TextContentAsync());
        await suggestion.ClickAsync();
        await page.WaitForURLAsync("**/?q=myelography", new() { Timeout = Timeout, WaitUntil = WaitUntilState.Commit });
        await page.Locator("#status:has-text('\u201cmyelography\u201d')").WaitForAsync(new() { Timeout = Timeout });
        Assert.Equal(0, await page.Locator("#did-you-mean").CountAsync());
    }

    [SkippableFact]
    public async Task Given_a_word_of_an_administrative_code_system_When_the_box_is_ticked_Then_those_codes_join_the_results()
    {
        fixture.SkipIfUnavailable();
        var page = await NewPageAsync();

        // "Entered in Error" is a status of many FHIR-core code systems (the fixture stores one such system).
        await page.GotoAsync(fixture.BaseUrl + "/");
        await page.Locator("#q").PressSequentiallyAsync("entered in error", new() { Delay = 30 });
        var status = page.Locator("#status:has-text('\u201centered in error\u201d')");
        await status.WaitForAsync(new() { Timeout = Timeout });
        var before = await status.InnerTextAsync();
        var without = Total(before);

        await page.Locator("input[name=admin]").CheckAsync();
        // The script re-runs the search on the change and rewrites the address with history.replaceState.
        await page.WaitForFunctionAsync(
            $"() => location.search.includes('admin=true') && document.getElementById('status').textContent !== {System.Text.Json.JsonSerializer.Serialize(before)}",
            null, new() { Timeout = Timeout });
        var with = Total(await status.InnerTextAsync());

        Assert.True(with > without, $"{with} results with the administrative systems, {without} without");
    }

    /// <summary>The count in the status line: "No codes match …", "1 code matches …", "1,234 codes match …".</summary>
    private static int Total(string status) =>
        status.StartsWith("No ", StringComparison.Ordinal) ? 0 : int.Parse(status.Split(' ')[0], System.Globalization.NumberStyles.AllowThousands, System.Globalization.CultureInfo.InvariantCulture);

    [SkippableFact]
    public async Task Given_the_search_page_When_typing_epidurography_Then_results_appear_and_72275_shows_every_seed_section_in_order()
    {
        fixture.SkipIfUnavailable();
        var page = await NewPageAsync();

        await page.GotoAsync(fixture.BaseUrl + "/");
        await page.Locator("#q").PressSequentiallyAsync("epidurog", new() { Delay = 40 });
        await page.Locator("#status:has-text('\u201cepidurog\u201d')").WaitForAsync(new() { Timeout = Timeout });
        var result = page.Locator("#results a[href='/codes/cpt/72275']");
        await result.WaitForAsync(new() { Timeout = Timeout });
        Assert.Contains("q=epidurog", page.Url);

        await result.ClickAsync();
        await page.WaitForURLAsync("**/codes/cpt/72275", new() { Timeout = Timeout });
        Assert.Equal("Epidurography, radiological supervision and interpretation", await page.Locator("h1").TextContentAsync());
        Assert.Equal("CPT4 code", await page.Locator("p.label").First.TextContentAsync());
        var headings = (await page.Locator("h2").AllTextContentsAsync()).Select(h => h.Trim()).ToList();
        var positions = SeedNarrative.Sections.Select(s => headings.IndexOf(s)).ToList();
        Assert.DoesNotContain(-1, positions);
        Assert.Equal(positions.Order(), positions);
        Assert.Equal(6, await page.Locator("section:has(h2:text-is('Procedure Description')) ol > li").CountAsync());
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactFolder(), "code-72275.png"), FullPage = true });

        var similar = page.Locator("ul.similar a").First;
        var target = await similar.GetAttributeAsync("href");
        await similar.ClickAsync();
        await page.WaitForURLAsync("**" + target, new() { Timeout = Timeout });
        Assert.Equal("CPT4 code", await page.Locator("p.label").First.TextContentAsync());
        Assert.NotEqual("72275", (await page.Locator("p.code").TextContentAsync())?.Trim());
    }

    [SkippableFact]
    public async Task Given_only_a_keyboard_When_searching_and_moving_with_the_arrows_Then_enter_opens_the_focused_result()
    {
        fixture.SkipIfUnavailable();
        var page = await NewPageAsync();

        await page.GotoAsync(fixture.BaseUrl + "/");
        await page.Keyboard.TypeAsync("contrast spinal", new() { Delay = 30 });
        await page.Locator("#status:has-text('\u201ccontrast spinal\u201d')").WaitForAsync(new() { Timeout = Timeout });
        await page.Locator("#results a").Nth(1).WaitForAsync(new() { Timeout = Timeout });
        await page.Keyboard.PressAsync("ArrowDown");
        await page.Keyboard.PressAsync("ArrowDown");
        var focused = await page.EvaluateAsync<string>("() => document.activeElement.getAttribute('href')");
        Assert.Equal(await page.Locator("#results a").Nth(1).GetAttributeAsync("href"), focused);
        await page.Keyboard.PressAsync("ArrowUp");
        await page.Keyboard.PressAsync("ArrowUp");
        Assert.Equal("q", await page.EvaluateAsync<string>("() => document.activeElement.id"));

        await page.Keyboard.PressAsync("ArrowDown");
        var first = await page.EvaluateAsync<string>("() => document.activeElement.getAttribute('href')");
        await page.Keyboard.PressAsync("Enter");
        // The address changing is what Enter does; the page's load event can lag far behind on a busy CI machine.
        await page.WaitForURLAsync("**" + first, new() { Timeout = 2 * Timeout, WaitUntil = WaitUntilState.Commit });
        await page.Locator("h1").WaitForAsync(new() { Timeout = 2 * Timeout });
        Assert.Contains("spinal", await page.Locator("h1").TextContentAsync(), StringComparison.OrdinalIgnoreCase);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactFolder(), "keyboard-result.png") });
    }

    [SkippableFact]
    public async Task Given_javascript_off_and_a_phone_width_When_the_form_is_submitted_Then_results_come_from_the_server_and_fit_the_screen()
    {
        fixture.SkipIfUnavailable();
        await using var context = await fixture.Browser.NewContextAsync(new() { JavaScriptEnabled = false, ViewportSize = new() { Width = 360, Height = 740 } });
        var page = await context.NewPageAsync();

        await page.GotoAsync(fixture.BaseUrl + "/");
        await page.Locator("#q").FillAsync("epidurography");
        await page.Locator("label:has-text('CPT4')").ClickAsync();
        await page.Locator("button[type=submit]").ClickAsync();
        await page.WaitForURLAsync("**/?q=epidurography*", new() { Timeout = Timeout });

        Assert.Contains("system=cpt", page.Url);
        Assert.Equal(1, await page.Locator("#results a[href='/codes/cpt/72275']").CountAsync());
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"));
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactFolder(), "phone-no-script.png"), FullPage = true });
    }

    private async Task<IPage> NewPageAsync()
    {
        var context = await fixture.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1024, Height = 800 } });
        return await context.NewPageAsync();
    }
}
