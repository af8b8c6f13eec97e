namespace PerfGate.Reports;

/// <summary>The pieces a report is made of; Markdown and HTML render the same blocks.</summary>
internal abstract record ReportBlock;

internal sealed record Heading(int Level, string Text) : ReportBlock;

internal sealed record Paragraph(string Text) : ReportBlock;

internal sealed record Table(string[] Headers, IReadOnlyList<string[]> Rows) : ReportBlock;

/// <summary>A chart, by the file name of its SVG beside the report (a PNG of the same name sits beside it).</summary>
internal sealed record Image(string Alt, string File) : ReportBlock;
