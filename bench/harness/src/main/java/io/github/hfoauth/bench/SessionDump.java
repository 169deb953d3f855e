package io.github.hfoauth.bench;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the {@code SESSIONS.ser} Tomcat wrote at shutdown and prints what one session costs
 * in JDK serialization, alone (its own stream, as a session store that keeps sessions apart
 * writes it) and per attribute. Runs in a child JVM with the app's classes on its class path.
 */
public final class SessionDump {

	private SessionDump() {
	}

	public static void main(String[] args) throws Exception {
		Map<String, Long> attributes = new LinkedHashMap<>();
		long sessions = 0;
		long sessionBytes = 0;
		try (InputStream in = Files.newInputStream(Path.of(args[0]));
				ObjectInputStream objects = new ObjectInputStream(in)) {
			int count = (Integer) objects.readObject();
			for (int s = 0; s < count; s++) {
				// StandardSession.doWriteObject: creation, last access, max inactive, new, valid,
				// this access, id, then optional auth notes, then the attribute count and pairs.
				for (int field = 0; field < 7; field++) {
					objects.readObject();
				}
				Object next = objects.readObject();
				while (!(next instanceof Integer)) {
					next = objects.readObject();
				}
				Map<String, Object> session = new LinkedHashMap<>();
				for (int a = 0; a < (Integer) next; a++) {
					session.put((String) objects.readObject(), objects.readObject());
				}
				sessions++;
				sessionBytes += size(session);
				if (s == 0) {
					session.forEach((name, value) -> {
						attributes.put("attribute " + name, size(value));
						parts(name, value, 0, attributes);
					});
				}
			}
		}
		catch (EOFException end) {
			// fewer sessions than announced: report what was read
		}
		System.out.println("sessions\t" + sessions);
		System.out.println("bytes per session\t" + ((sessions == 0) ? 0 : sessionBytes / sessions));
		attributes.forEach((name, bytes) -> System.out.println(name + "\t" + bytes));
	}

	// What makes an attribute big: its getters' values, each serialized alone, a few levels
	// down (the app's classes are not known at compile time, so by reflection).
	private static void parts(String path, Object value, int depth, Map<String, Long> sizes) {
		if (depth == 3 || value == null) {
			return;
		}
		if (value instanceof Map<?, ?> map) {
			map.forEach((key, element) -> parts(path + "[" + key + "]", element, depth + 1, sizes));
			return;
		}
		if (value instanceof String || value instanceof Number || value instanceof Collection<?>
				|| value.getClass().getName().startsWith("java.")) {
			return;
		}
		for (Method getter : value.getClass().getMethods()) {
			if (getter.getParameterCount() != 0 || getter.getDeclaringClass() == Object.class
					|| !(getter.getName().startsWith("get") || getter.getName().startsWith("is"))) {
				continue;
			}
			try {
				Object part = getter.invoke(value);
				if (part instanceof Serializable) {
					String partPath = path + "." + getter.getName() + "()";
					long bytes = size(part);
					if (bytes >= 400) {
						sizes.put("part " + partPath, bytes);
						parts(partPath, part, depth + 1, sizes);
					}
				}
			}
			catch (ReflectiveOperationException | RuntimeException ex) {
				// not a plain getter: skip it
			}
		}
	}

	private static long size(Object value) {
		CountingStream counter = new CountingStream();
		try (ObjectOutputStream out = new ObjectOutputStream(counter)) {
			out.writeObject(value);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot serialize " + value.getClass(), ex);
		}
		return counter.count;
	}

	private static final class CountingStream extends OutputStream {

		private long count;

		@Override
		public void write(int b) {
			this.count++;
		}

		@Override
		public void write(byte[] b, int off, int len) {
			this.count += len;
		}

	}

}
