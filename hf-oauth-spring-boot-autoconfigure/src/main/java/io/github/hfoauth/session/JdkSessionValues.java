package io.github.hfoauth.session;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.core.ConfigurableObjectInputStream;
import org.springframework.data.redis.serializer.SerializationException;

/**
 * Session values in Java serialization ({@code hf.oauth.session.serialization=jdk}), read
 * through the {@link SessionClassFilter} allow-list.
 */
final class JdkSessionValues implements SessionValueCodec {

	private static final Log logger = LogFactory.getLog(JdkSessionValues.class);

	private final SessionClassFilter classes;

	private final ClassLoader classLoader;

	JdkSessionValues(SessionClassFilter classes, ClassLoader classLoader) {
		this.classes = classes;
		this.classLoader = classLoader;
	}

	@Override
	public byte[] write(Object value) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream(1024);
		try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
			out.writeObject(value);
		}
		catch (IOException ex) {
			throw new SerializationException("Cannot write a session value of " + value.getClass().getName()
					+ " with Java serialization: " + ex.getMessage(), ex);
		}
		return bytes.toByteArray();
	}

	@Override
	public Object read(byte[] bytes) {
		SessionClassFilter.Refusals filter = this.classes.newFilter();
		try (ConfigurableObjectInputStream in = new ConfigurableObjectInputStream(new ByteArrayInputStream(bytes),
				this.classLoader)) {
			in.setObjectInputFilter(filter);
			return in.readObject();
		}
		catch (IOException | ClassNotFoundException | RuntimeException ex) {
			String refused = filter.refused();
			if (refused != null) {
				logger.warn("Refused to read a stored session holding " + refused + ", a class Java-serialized sessions "
						+ "may not hold: the session is forgotten. If the class is the app's own session attribute, add "
						+ "it (or its package, as com.example.*) to hf.oauth.session.allowed-classes.");
				throw new SerializationException("A stored session holds " + refused + ", which is not allowed", ex);
			}
			throw new SerializationException("Cannot read a stored session value: " + ex.getClass().getSimpleName(), ex);
		}
	}

}
