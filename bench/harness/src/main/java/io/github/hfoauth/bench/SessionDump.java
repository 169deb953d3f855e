package io.github.hfoauth.bench;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
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
					session.forEach((name, value) -> attributes.put(name, size(value)));
				}
			}
		}
		catch (EOFException end) {
			// fewer sessions than announced: report what was read
		}
		System.out.println("sessions\t" + sessions);
		System.out.println("bytes per session\t" + ((sessions == 0) ? 0 : sessionBytes / sessions));
		attributes.forEach((name, bytes) -> System.out.println("attribute " + name + "\t" + bytes));
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
