using System.Diagnostics;
using System.IO.Compression;

namespace AzBackupTroubleshoot.EndToEnd.Tests.Reports;

/// <summary>Opens a local page in Debian's headless Chromium: the DOM after its scripts ran, a screenshot, console errors.</summary>
public static class HeadlessChromium
{
    public sealed record Page(string Dom, IReadOnlyList<string> ConsoleErrors);

    public static Page Open(string file, string fragment = "")
    {
        var (dom, log) = Run(file, fragment, "--dump-dom");
        var errors = log.Split('\n')
            .Where(l => l.Contains("CONSOLE", StringComparison.Ordinal) && (l.Contains("Uncaught", StringComparison.Ordinal) || l.Contains(":ERROR:", StringComparison.Ordinal)))
            .ToList();
        return new Page(dom, errors);
    }

    public static void Screenshot(string file, string png, string fragment = "")
    {
        if (File.Exists(png)) File.Delete(png);
        Run(file, fragment, "--screenshot=" + png, "--window-size=1280,1400");
        if (!File.Exists(png)) throw new InvalidOperationException("chromium wrote no screenshot");
    }

    private static (string Out, string Err) Run(string file, string fragment, params string[] action)
    {
        var profile = Directory.CreateTempSubdirectory("azbt-chromium-");
        try
        {
            var psi = new ProcessStartInfo(TestTools.Chromium) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var arg in new[]
                     {
                         "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                         "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile.FullName, "--enable-logging=stderr", "--log-level=0",
                         "--virtual-time-budget=3000",
                     }.Concat(action))
                psi.ArgumentList.Add(arg);
            psi.ArgumentList.Add(new Uri(Path.GetFullPath(file)).AbsoluteUri + fragment);
            using var process = Process.Start(psi)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(90_000))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException("chromium did not finish within 90 s");
            }
            return (stdout.Result, stderr.Result);
        }
        finally
        {
            try { profile.Delete(recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>The share of pixels that are not near-white in an 8-bit RGB/RGBA PNG: 0 for a blank page.</summary>
    public static double InkRatio(string png)
    {
        var bytes = File.ReadAllBytes(png);
        int width = 0, height = 0, colorType = 0;
        var idat = new MemoryStream();
        for (var pos = 8; pos < bytes.Length;)
        {
            var length = (bytes[pos] << 24) | (bytes[pos + 1] << 16) | (bytes[pos + 2] << 8) | bytes[pos + 3];
            var type = System.Text.Encoding.ASCII.GetString(bytes, pos + 4, 4);
            if (type == "IHDR")
            {
                width = (bytes[pos + 8] << 24) | (bytes[pos + 9] << 16) | (bytes[pos + 10] << 8) | bytes[pos + 11];
                height = (bytes[pos + 12] << 24) | (bytes[pos + 13] << 16) | (bytes[pos + 14] << 8) | bytes[pos + 15];
                if (bytes[pos + 16] != 8 || bytes[pos + 20] != 0) throw new NotSupportedException("only 8-bit non-interlaced PNGs");
                colorType = bytes[pos + 17];
            }
            else if (type == "IDAT") idat.Write(bytes, pos + 8, length);
            pos += 12 + length;
        }
        var channels = colorType == 6 ? 4 : colorType == 2 ? 3 : throw new NotSupportedException("PNG color type " + colorType);
        idat.Position = 0;
        using var z = new ZLibStream(idat, CompressionMode.Decompress);
        var stride = width * channels;
        var prev = new byte[stride];
        var line = new byte[stride];
        long ink = 0;
        for (var y = 0; y < height; y++)
        {
            var filter = z.ReadByte();
            z.ReadExactly(line);
            for (var x = 0; x < stride; x++)
            {
                int a = x >= channels ? line[x - channels] : 0, b = prev[x], c = x >= channels ? prev[x - channels] : 0;
                line[x] = (byte)(line[x] + filter switch
                {
                    1 => a,
                    2 => b,
                    3 => (a + b) / 2,
                    4 => Paeth(a, b, c),
                    _ => 0,
                });
            }
            for (var x = 0; x < width; x++)
            {
                var i = x * channels;
                if (line[i] < 200 || line[i + 1] < 200 || line[i + 2] < 200) ink++;
            }
            (prev, line) = (line, prev);
        }
        return (double)ink / ((long)width * height);
    }

    private static int Paeth(int a, int b, int c)
    {
        int p = a + b - c, pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
