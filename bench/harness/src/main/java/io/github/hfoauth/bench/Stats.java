package io.github.hfoauth.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** Median, percentiles and spread of a sample: what every figure reports. */
record Stats(List<Double> values) {

	Stats {
		values = new ArrayList<>(values);
		Collections.sort(values);
	}

	double median() {
		return percentile(50);
	}

	double min() {
		return values.get(0);
	}

	double max() {
		return values.get(values.size() - 1);
	}

	/** Nearest-rank percentile. */
	double percentile(double p) {
		int rank = (int) Math.ceil(p / 100 * values.size());
		return values.get(Math.max(0, Math.min(values.size() - 1, rank - 1)));
	}

	/** "median (min–max, n runs)", with the given format for each value. */
	String describe(String format) {
		return String.format(Locale.ROOT, format + " (%s–%s, n=%d)", median(), fmt(format, min()),
				fmt(format, max()), values.size());
	}

	private static String fmt(String format, double value) {
		return String.format(Locale.ROOT, format, value);
	}

}
