using Microsoft.Playwright;

namespace HnlService.Web.Tests;

/// <summary>Reads what a page's Chart.js instances draw, through the window.hnlCharts registry.</summary>
public static class ChartProbe
{
    public static Task<int> DatasetCountAsync(IPage page, string chart) =>
        page.EvaluateAsync<int>("name => window.hnlCharts[name].data.datasets.length", chart);

    /// <summary>Datasets that are curves, histograms or bars, as opposed to the edges of uncertainty bands.</summary>
    public static Task<int> LineCountAsync(IPage page, string chart) =>
        page.EvaluateAsync<int>("name => window.hnlCharts[name].data.datasets.filter(d => d.hnlRole === 'line').length", chart);

    public static Task<double[]> XValuesAsync(IPage page, string chart, int dataset) =>
        page.EvaluateAsync<double[]>("([name, index]) => window.hnlCharts[name].data.datasets[index].data.map(p => p.x)", new object[] { chart, dataset });

    public static Task<double[]> YValuesAsync(IPage page, string chart, int dataset) =>
        page.EvaluateAsync<double[]>("([name, index]) => window.hnlCharts[name].data.datasets[index].data.map(p => p.y)", new object[] { chart, dataset });

    public static Task<string> ScaleTypeAsync(IPage page, string chart, string axis) =>
        page.EvaluateAsync<string>("([name, axis]) => window.hnlCharts[name].scales[axis].type", new object[] { chart, axis });

    /// <summary>The lower or upper end ("min" or "max") of an axis as drawn.</summary>
    public static Task<double> ScaleBoundAsync(IPage page, string chart, string axis, string bound) =>
        page.EvaluateAsync<double>("([name, axis, bound]) => window.hnlCharts[name].scales[axis][bound]", new object[] { chart, axis, bound });

    /// <summary>The values of the ticks an axis draws, after Chart.js skipped any that would overlap.</summary>
    public static Task<double[]> TickValuesAsync(IPage page, string chart, string axis) =>
        page.EvaluateAsync<double[]>("([name, axis]) => window.hnlCharts[name].scales[axis].ticks.map(t => t.value)", new object[] { chart, axis });

    public static Task<string[]> TickLabelsAsync(IPage page, string chart, string axis) =>
        page.EvaluateAsync<string[]>("([name, axis]) => window.hnlCharts[name].scales[axis].ticks.map(t => String(t.label))", new object[] { chart, axis });

    /// <summary>Waits until no chart animates, so a screenshot shows lines at their final positions.</summary>
    public static Task WaitForAnimationsAsync(IPage page) =>
        page.WaitForFunctionAsync("() => Object.values(window.hnlCharts).every(chart => !window.Chart.animator.running(chart))");

    public static Task WaitForResultsAsync(IPage page) =>
        page.WaitForFunctionAsync("() => document.body.dataset.results === 'ready'", null, new PageWaitForFunctionOptions { Timeout = 60_000 });
}
