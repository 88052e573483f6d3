package dev.skiff.model.codec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.ObjectCodec;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.core.json.UTF8StreamJsonParser;
import com.fasterxml.jackson.core.sym.ByteQuadsCanonicalizer;
import java.io.IOException;

/**
 * A JSON factory whose parsers over byte arrays can jump past an object without tokenizing it.
 *
 * <p>Managed-field sets are the bulk of most objects and Skiff keeps them as raw JSON, yet Jackson cannot skip
 * a value without parsing every (long, escaped, often unique) key inside it. {@link RawSkippingParser#skipRaw}
 * scans the bytes for the matching brace instead, which halves the cost of decoding a typical pod.
 */
final class RawSkippingJsonFactory extends JsonFactory {
  private static final long serialVersionUID = 1L;

  RawSkippingJsonFactory() {
    // Interning every new field name costs dearly on managed fields, whose keys ("k:{\"uid\":...}") are
    // often unique; the generated readers compare names with equals, so canonical names are enough.
    super(new JsonFactoryBuilder().disable(JsonFactory.Feature.INTERN_FIELD_NAMES));
  }

  @Override
  protected JsonParser _createParser(byte[] data, int offset, int len, IOContext ctxt) throws IOException {
    // Only plain UTF-8 JSON (an object or array up front, no byte-order mark) takes the skipping parser.
    if (len > 0 && (data[offset] == '{' || data[offset] == '[')) {
      return new RawSkippingParser(ctxt, _parserFeatures, _objectCodec,
          _byteSymbolCanonicalizer.makeChild(_factoryFeatures), data, offset, offset + len);
    }
    return super._createParser(data, offset, len, ctxt);
  }

  /** A UTF-8 parser over one byte array that can jump past an object or array. */
  static final class RawSkippingParser extends UTF8StreamJsonParser {
    RawSkippingParser(IOContext ctxt, int features, ObjectCodec codec, ByteQuadsCanonicalizer symbols, byte[] data,
        int start, int end) {
      super(ctxt, features, null, codec, symbols, data, start, end, false);
    }

    /**
     * With the parser on the START_OBJECT of a value (not the document itself), moves to its matching
     * END_OBJECT without tokenizing what is inside.
     *
     * @return the offset just past the closing brace, or -1 when the parser is not in a state to skip (the
     *     caller then skips the ordinary way)
     */
    int skipRaw() {
      if (_currToken != JsonToken.START_OBJECT || _parsingContext.getParent() == null
          || _parsingContext.getParent().inRoot()) {
        return -1;
      }
      byte[] buf = _inputBuffer;
      int end = _inputEnd;
      int depth = 1;
      int i = _inputPtr;
      int rows = 0;
      int rowStart = _currInputRowStart;
      while (depth > 0) {
        if (i >= end) {
          return -1; // truncated: let the ordinary parser report it
        }
        byte b = buf[i++];
        switch (b) {
          case '"' -> {
            while (true) {
              if (i >= end) {
                return -1;
              }
              byte c = buf[i++];
              if (c == '\\') {
                i++;
              } else if (c == '"') {
                break;
              }
            }
          }
          case '{', '[' -> depth++;
          case '}', ']' -> depth--;
          case '\n' -> {
            rows++;
            rowStart = i;
          }
          default -> { }
        }
      }
      _tokenInputTotal = _currInputProcessed + i - 1;
      _tokenInputRow = _currInputRow + rows;
      _tokenInputCol = i - 1 - rowStart;
      _inputPtr = i;
      _currInputRow += rows;
      _currInputRowStart = rowStart;
      _parsingContext = _parsingContext.clearAndGetParent();
      _currToken = JsonToken.END_OBJECT;
      return i;
    }
  }
}
