using System.Text.Json;
using Microsoft.Playwright;

namespace EduPlan.Browser.Tests.Accessibility;

/// <summary>Runs the vendored axe-core (Accessibility/axe) in a page and returns its serious and critical WCAG 2.1 A/AA violations.</summary>
public static class Axe
{
    private static readonly Lazy<string> Source = new(() =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Accessibility", "axe", "axe.min.js")));

    /// <summary>One violated rule: its id, impact, help text and the first few elements that break it.</summary>
    public sealed record Violation(string Id, string Impact, string Help, IReadOnlyList<string> Targets)
    {
        public override string ToString() => $"{Id} ({Impact}): {Help} — {string.Join(" | ", Targets)}";
    }

    public static async Task<IReadOnlyList<Violation>> SeriousViolationsAsync(IPage page)
    {
        // Evaluated through the DevTools protocol, so the page's CSP (no inline scripts) does not stop it.
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe === 'object'"))
        {
            await page.EvaluateAsync(Source.Value);
        }

        var json = await page.EvaluateAsync<string>("""
            async () => {
              const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
              return JSON.stringify(result.violations
                .filter(v => v.impact === 'serious' || v.impact === 'critical')
                .map(v => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ' ' + (n.failureSummary || '').replace(/\s+/g, ' ').slice(0, 160)) })));
            }
            """);
        return JsonSerializer.Deserialize<List<Violation>>(json, new JsonSerializerOptions { PropertyNameCaseInsensitive = true }) ?? [];
    }
}
