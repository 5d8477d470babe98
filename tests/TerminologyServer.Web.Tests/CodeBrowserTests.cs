using Microsoft.Playwright;

namespace TerminologyServer.Web.Tests;

/// <summary>
/// Issue 17 in a real browser on the default content: the deleted code 72275 end to end (status, definition, use
/// instead, each successor linking back), copy buttons, the hierarchy from the top with breadcrumbs, a search over
/// ICD-10-CM, phone width. Writes the README's screenshots (home, search, 72275, hierarchy) to TestResults/web.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class CodeBrowserTests(BrowserFixture fixture)
{
    private const float Timeout = 30_000;
    private static readonly string[] Successors = ["62321", "62323", "62325", "62327", "64479", "64483"];

    [SkippableFact]
    public async Task Given_deleted_72275_When_a_coder_follows_use_instead_Then_each_successor_links_back()
    {
        fixture.SkipIfUnavailable();
        var page = await NewPageAsync(1024, 800);

        await page.GotoAsync(fixture.BaseUrl + "/");
        await page.ScreenshotAsync(new() { Path = Shot("home.png") });
        await page.Locator("#q").PressSequentiallyAsync("epidurography", new() { Delay = 30 });
        await page.Locator("#results a[href='/codes/cpt/72275']").ClickAsync(new() { Timeout = Timeout });
        await page.WaitForURLAsync("**/codes/cpt/72275", new() { Timeout = Timeout });

        Assert.StartsWith("Deleted code", (await page.Locator(".status p.inactive").TextContentAsync())?.Trim());
        Assert.Contains("Deleted from CPT", await page.Locator(".status p.definition").TextContentAsync());
        Assert.Equal(Successors.Select(c => "/codes/cpt/" + c), await page.Locator("ul.use-instead a").EvaluateAllAsync<string[]>("as => as.map(a => a.getAttribute('href'))"));
        Assert.Equal("Epidurography, Radiological Supervision, and Interpretation", await page.Locator("p.procedure-name").TextContentAsync());
        Assert.Equal(Successors, (await page.Locator("ul.similar a .c").AllTextContentsAsync()).Take(6));
        await page.ScreenshotAsync(new() { Path = Shot("code-72275.png"), FullPage = true });

        foreach (var code in new[] { "62321", "64483" })
        {
            await page.Locator($"ul.use-instead a[href='/codes/cpt/{code}']").ClickAsync();
            await page.WaitForURLAsync($"**/codes/cpt/{code}", new() { Timeout = Timeout });
            Assert.Equal(code, (await page.Locator("#the-code").TextContentAsync())?.Trim());
            await page.Locator("ul.replaces a[href='/codes/cpt/72275']").ClickAsync();
            await page.WaitForURLAsync("**/codes/cpt/72275", new() { Timeout = Timeout });
        }
    }

    [SkippableFact]
    public async Task Given_a_code_page_When_the_copy_buttons_are_pressed_Then_they_copy_the_code_and_system_bar_code()
    {
        fixture.SkipIfUnavailable();
        var page = await NewPageAsync(1024, 800);
        await page.GotoAsync(fixture.BaseUrl + "/codes/cpt/72275");

        var code = page.Locator("button.copy").Nth(0);
        var both = page.Locator("button.copy").Nth(1);
        await code.ClickAsync();
        await both.ClickAsync();

        Assert.Equal("72275", await code.GetAttributeAsync("data-copied"));
        Assert.Equal("http://www.ama-assn.org/go/cpt|72275", await both.GetAttributeAsync("data-copied"));
        Assert.Equal("Copied", await code.TextContentAsync());
    }

    [SkippableFact]
    public async Task Given_the_code_systems_page_When_walking_down_icd10cm_Then_chapters_children_and_breadcrumbs_lead_there_and_back()
    {
        fixture.SkipIfUnavailable();
        var page = await NewPageAsync(1024, 800);

        await page.GotoAsync(fixture.BaseUrl + "/codes");
        await page.Locator("a[href='/codes/icd10cm']").ClickAsync();
        await page.WaitForURLAsync("**/codes/icd10cm", new() { Timeout = Timeout });
        // 22 chapters of the Tabular List (and the few FY2026 categories it does not place in one).
        Assert.InRange(await page.Locator("ol.browse > li").CountAsync(), 22, 30);
        Assert.Equal(1, await page.Locator("ol.browse a:has-text('Certain infectious and parasitic diseases')").CountAsync());
        await page.ScreenshotAsync(new() { Path = Shot("hierarchy-icd10cm.png"), FullPage = true });

        await page.Locator("ol.browse a").Nth(3).ClickAsync();
        await page.Locator("section:has(h2:text-is('Children')) a").First.ClickAsync(new() { Timeout = Timeout });
        await page.Locator("section:has(h2:text-is('Children')) a").First.ClickAsync(new() { Timeout = Timeout });
        var crumbs = await page.Locator("nav.crumbs a").AllTextContentsAsync();
        Assert.True(crumbs.Count >= 4, string.Join(" > ", crumbs));
        Assert.Equal("ICD-10-CM", crumbs[1]);

        await page.Locator("nav.crumbs a").Nth(2).ClickAsync();
        await page.Locator("section:has(h2:text-is('Children'))").WaitForAsync(new() { Timeout = Timeout });
        Assert.Equal(crumbs[2], (await page.Locator("#the-code").TextContentAsync())?.Trim());
    }

    [SkippableFact]
    public async Task Given_a_broad_word_When_searched_Then_diabetes_categories_come_first()
    {
        fixture.SkipIfUnavailable();
        var page = await NewPageAsync(1024, 800);

        await page.GotoAsync(fixture.BaseUrl + "/");
        await page.Locator("#q").PressSequentiallyAsync("diabetes", new() { Delay = 30 });
        await page.Locator("#status:has-text('\u201cdiabetes\u201d')").WaitForAsync(new() { Timeout = Timeout });
        var firstThree = (await page.Locator("#results a").EvaluateAllAsync<string[]>("as => as.slice(0, 3).map(a => a.getAttribute('href'))")).ToList();

        Assert.Contains(firstThree, h => h is "/codes/icd10cm/E11" or "/codes/icd10cm/E10" or "/codes/icd10cm/E08-E13");
        Assert.Equal("diabetes", (await page.Locator("#results mark").First.TextContentAsync())?.ToLowerInvariant());
        await page.ScreenshotAsync(new() { Path = Shot("search-diabetes.png") });
    }

    [SkippableFact]
    public async Task Given_a_phone_When_72275_is_opened_Then_the_story_fits_the_screen()
    {
        fixture.SkipIfUnavailable();
        var page = await NewPageAsync(360, 740);

        await page.GotoAsync(fixture.BaseUrl + "/codes/cpt/72275");

        Assert.True(await page.Locator("ul.use-instead").IsVisibleAsync());
        var overflow = await page.EvaluateAsync<string>("() => [...document.querySelectorAll('main *')].filter(e => e.getBoundingClientRect().right > window.innerWidth + 1).map(e => e.tagName + '.' + e.className).slice(0, 5).join(', ')");
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), overflow);
        await page.ScreenshotAsync(new() { Path = Shot("code-72275-phone.png") });
    }

    private static string Shot(string name) => Path.Combine(BrowserFixture.ArtifactFolder(), name);

    private async Task<IPage> NewPageAsync(int width, int height)
    {
        var context = await fixture.Browser.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = height } });
        return await context.NewPageAsync();
    }
}
