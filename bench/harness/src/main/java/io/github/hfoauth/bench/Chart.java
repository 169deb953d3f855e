package io.github.hfoauth.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import javax.imageio.ImageIO;

/** The summary chart: every ratio as a bar, with 1.0 (no difference) marked. Java 2D, headless. */
final class Chart {

	private static final int WIDTH = 1140;

	private static final int LABEL_WIDTH = 370;

	private static final int ROW = 44;

	private static final int TOP = 70;

	private static final double MAX_RATIO = 2.0;

	private static final Color BASELINE = new Color(0x1f77b4);

	private static final Color FLOOR = new Color(0xb0b0b0);

	private Chart() {
	}

	static void write(List<Report.Ratio> ratios, Path file) throws IOException {
		System.setProperty("java.awt.headless", "true");
		int height = TOP + ratios.size() * ROW + 50;
		BufferedImage image = new BufferedImage(WIDTH, height, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = image.createGraphics();
		g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
		g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
		g.setColor(Color.WHITE);
		g.fillRect(0, 0, WIDTH, height);
		g.setColor(Color.BLACK);
		g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
		g.drawString("hf-oauth-spring-boot: the starter as a ratio of the other apps (same run)", 20, 28);
		g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
		legend(g, 20, 52, BASELINE, "starter / baseline (hand-written Spring Security)");
		legend(g, 420, 52, FLOOR, "starter / floor (no security)");
		int plot = WIDTH - LABEL_WIDTH - 80;
		for (int i = 0; i < ratios.size(); i++) {
			Report.Ratio ratio = ratios.get(i);
			int y = TOP + i * ROW;
			g.setColor(Color.BLACK);
			g.drawString(ratio.metric() + (ratio.higherIsBetter() ? " (higher better)" : " (lower better)"), 20,
					y + 22);
			bar(g, ratio.toBaseline(), y + 6, plot, BASELINE);
			bar(g, ratio.toFloor(), y + 22, plot, FLOOR);
		}
		int one = LABEL_WIDTH + (int) (plot / MAX_RATIO);
		g.setColor(Color.DARK_GRAY);
		g.setStroke(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1, new float[] { 5, 4 }, 0));
		g.drawLine(one, TOP - 4, one, TOP + ratios.size() * ROW);
		g.drawString("1.0", one - 8, TOP + ratios.size() * ROW + 18);
		g.drawString(String.format(Locale.ROOT, "%.1f", MAX_RATIO), LABEL_WIDTH + plot - 8,
				TOP + ratios.size() * ROW + 18);
		g.drawString("0", LABEL_WIDTH - 4, TOP + ratios.size() * ROW + 18);
		g.dispose();
		ImageIO.write(image, "png", file.toFile());
	}

	private static void bar(Graphics2D g, double ratio, int y, int plot, Color color) {
		if (Double.isNaN(ratio) || Double.isInfinite(ratio)) {
			return;
		}
		int length = (int) (plot * Math.min(ratio, MAX_RATIO) / MAX_RATIO);
		g.setColor(color);
		g.fillRect(LABEL_WIDTH, y, Math.max(length, 1), 14);
		g.setColor(Color.BLACK);
		g.drawString(String.format(Locale.ROOT, "%.2f", ratio), LABEL_WIDTH + length + 6, y + 12);
	}

	private static void legend(Graphics2D g, int x, int y, Color color, String text) {
		g.setColor(color);
		g.fillRect(x, y - 11, 14, 14);
		g.setColor(Color.BLACK);
		g.drawString(text, x + 20, y);
	}

}
