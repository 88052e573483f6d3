package dev.skiff.model;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads JSON property names out of an oracle model class's bytecode, without loading the class.
 *
 * <p>Reading the class file instead of reflecting keeps the oracle jars' own dependencies (Jackson 3
 * for fabric8, Gson and OkHttp for the official client) off the test classpath: only the model jars
 * themselves are needed, and nothing in them is initialised. The parser understands just enough of the
 * class file format (JVMS chapter 4) to read the constant pool, the superclass, every field's and
 * method's {@code ConstantValue} and {@code RuntimeVisibleAnnotations}.
 */
final class CompletenessClassFiles {

  private CompletenessClassFiles() {}

  /** Jackson's property annotation, which fabric8's generated models put on fields and accessors. */
  static final String JSON_PROPERTY = "Lcom/fasterxml/jackson/annotation/JsonProperty;";

  /** Gson's property annotation, which the official client's generated models put on fields. */
  static final String SERIALIZED_NAME = "Lcom/google/gson/annotations/SerializedName;";

  /**
   * A field or method of a class.
   *
   * @param name member name
   * @param isStatic whether the member is static
   * @param constant the {@code ConstantValue} of a static final field, else null
   * @param annotations runtime-visible annotations by type descriptor, each with its element values
   *     (strings for string elements; other element kinds are skipped)
   */
  record Member(
      String name, boolean isStatic, Object constant, Map<String, Map<String, Object>> annotations) {}

  /**
   * A parsed class.
   *
   * @param name binary name with slashes
   * @param superName superclass binary name with slashes, null for {@code java/lang/Object}
   * @param fields declared fields
   * @param methods declared methods
   */
  record ClassFile(String name, String superName, List<Member> fields, List<Member> methods) {}

  /** Reads a class from the classpath by binary name, or empty when the classpath lacks it. */
  static Optional<ClassFile> read(ClassLoader loader, String className) {
    String resource = className.replace('.', '/') + ".class";
    try (InputStream in = loader.getResourceAsStream(resource)) {
      if (in == null) {
        return Optional.empty();
      }
      return Optional.of(parse(in.readAllBytes()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
  }

  /**
   * JSON property names fabric8 declares with {@code @JsonProperty} on the class, its accessors and
   * its superclasses found on the classpath. {@code additionalProperties}, fabric8's bag for unknown
   * fields, is not an API property and never carries {@code @JsonProperty}; it is dropped defensively.
   */
  static Set<String> jacksonProperties(ClassLoader loader, ClassFile c) {
    Set<String> names = new LinkedHashSet<>();
    for (ClassFile k = c; k != null; k = superOf(loader, k)) {
      collect(k.fields(), false, JSON_PROPERTY, names);
      collect(k.methods(), true, JSON_PROPERTY, names);
    }
    names.remove("additionalProperties");
    return names;
  }

  /**
   * JSON property names of an official-client model: {@code @SerializedName} values on fields, united
   * with the {@code SERIALIZED_NAME_*} constants (the two agree in every generated class; the union
   * keeps the oracle working should a generator version drop either).
   */
  static Set<String> gsonProperties(ClassLoader loader, ClassFile c) {
    Set<String> names = new LinkedHashSet<>();
    for (ClassFile k = c; k != null; k = superOf(loader, k)) {
      collect(k.fields(), false, SERIALIZED_NAME, names);
      for (Member f : k.fields()) {
        if (f.isStatic() && f.name().startsWith("SERIALIZED_NAME_") && f.constant() instanceof String s) {
          names.add(s);
        }
      }
    }
    return names;
  }

  private static ClassFile superOf(ClassLoader loader, ClassFile c) {
    return c.superName() == null ? null : read(loader, c.superName()).orElse(null);
  }

  private static void collect(List<Member> members, boolean methods, String annotation, Set<String> out) {
    for (Member m : members) {
      Map<String, Object> values = m.annotations().get(annotation);
      if (values == null || m.isStatic()) {
        continue;
      }
      Object v = values.get("value");
      if (v instanceof String s && !s.isEmpty()) {
        out.add(s);
      } else {
        out.add(methods ? beanProperty(m.name()) : m.name()); // an unnamed @JsonProperty: Jackson's default
      }
    }
  }

  private static String beanProperty(String method) {
    for (String prefix : new String[] {"get", "set", "is"}) {
      if (method.startsWith(prefix) && method.length() > prefix.length()) {
        String rest = method.substring(prefix.length());
        return Character.toLowerCase(rest.charAt(0)) + rest.substring(1);
      }
    }
    return method;
  }

  /** Parses a class file. */
  static ClassFile parse(byte[] bytes) throws IOException {
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
    if (in.readInt() != 0xCAFEBABE) {
      throw new IOException("not a class file");
    }
    in.readUnsignedShort(); // minor
    in.readUnsignedShort(); // major
    Object[] pool = readPool(in);
    in.readUnsignedShort(); // access flags
    String name = className(pool, in.readUnsignedShort());
    int superIndex = in.readUnsignedShort();
    String superName = superIndex == 0 ? null : className(pool, superIndex);
    if ("java/lang/Object".equals(superName)) {
      superName = null;
    }
    int interfaces = in.readUnsignedShort();
    in.skipNBytes(2L * interfaces);
    List<Member> fields = readMembers(in, pool);
    List<Member> methods = readMembers(in, pool);
    return new ClassFile(name, superName, fields, methods);
  }

  /** Constant pool: Utf8 entries as String, Class entries as {@code int[]{nameIndex}}, literals boxed. */
  private static Object[] readPool(DataInputStream in) throws IOException {
    int count = in.readUnsignedShort();
    Object[] pool = new Object[count];
    for (int i = 1; i < count; i++) {
      int tag = in.readUnsignedByte();
      switch (tag) {
        case 1 -> pool[i] = in.readUTF(); // modified UTF-8 with a u2 length, as readUTF expects
        case 3 -> pool[i] = in.readInt();
        case 4 -> pool[i] = in.readFloat();
        case 5 -> {
          pool[i] = in.readLong();
          i++;
        }
        case 6 -> {
          pool[i] = in.readDouble();
          i++;
        }
        case 7 -> pool[i] = new int[] {in.readUnsignedShort()}; // Class
        case 8 -> pool[i] = new StringRef(in.readUnsignedShort()); // String
        case 16, 19, 20 -> in.skipNBytes(2); // MethodType, Module, Package
        case 15 -> in.skipNBytes(3); // MethodHandle
        case 9, 10, 11, 12, 17, 18 -> in.skipNBytes(4); // refs, NameAndType, (Invoke)Dynamic
        default -> throw new IOException("unknown constant pool tag " + tag + " at " + i);
      }
    }
    return pool;
  }

  private record StringRef(int utf8) {}

  private static String className(Object[] pool, int index) {
    return (String) pool[((int[]) pool[index])[0]];
  }

  private static List<Member> readMembers(DataInputStream in, Object[] pool) throws IOException {
    int count = in.readUnsignedShort();
    List<Member> members = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      int access = in.readUnsignedShort();
      String name = (String) pool[in.readUnsignedShort()];
      in.readUnsignedShort(); // descriptor
      Object constant = null;
      Map<String, Map<String, Object>> annotations = new LinkedHashMap<>();
      int attributes = in.readUnsignedShort();
      for (int a = 0; a < attributes; a++) {
        String attribute = (String) pool[in.readUnsignedShort()];
        int length = in.readInt();
        if (attribute.equals("ConstantValue")) {
          Object v = pool[in.readUnsignedShort()];
          constant = v instanceof StringRef s ? pool[s.utf8()] : v;
        } else if (attribute.equals("RuntimeVisibleAnnotations")) {
          int n = in.readUnsignedShort();
          for (int k = 0; k < n; k++) {
            String type = (String) pool[in.readUnsignedShort()];
            annotations.put(type, readElementValuePairs(in, pool));
          }
        } else {
          in.skipNBytes(length);
        }
      }
      members.add(new Member(name, (access & 0x0008) != 0, constant, annotations));
    }
    return members;
  }

  private static Map<String, Object> readElementValuePairs(DataInputStream in, Object[] pool)
      throws IOException {
    Map<String, Object> values = new LinkedHashMap<>();
    int pairs = in.readUnsignedShort();
    for (int p = 0; p < pairs; p++) {
      String element = (String) pool[in.readUnsignedShort()];
      Object v = readElementValue(in, pool);
      if (v != null) {
        values.put(element, v);
      }
    }
    return values;
  }

  /** Reads one element value; returns strings, skips (returns null for) every other kind. */
  private static Object readElementValue(DataInputStream in, Object[] pool) throws IOException {
    int tag = in.readUnsignedByte();
    switch (tag) {
      case 's' -> {
        return pool[in.readUnsignedShort()];
      }
      case 'B', 'C', 'D', 'F', 'I', 'J', 'S', 'Z', 'c' -> in.skipNBytes(2);
      case 'e' -> in.skipNBytes(4);
      case '@' -> {
        in.readUnsignedShort();
        readElementValuePairs(in, pool);
      }
      case '[' -> {
        int n = in.readUnsignedShort();
        for (int i = 0; i < n; i++) {
          readElementValue(in, pool);
        }
      }
      default -> throw new IOException("unknown annotation element tag " + (char) tag);
    }
    return null;
  }
}
