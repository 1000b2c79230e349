using Google.Protobuf;

namespace HnlService.Infrastructure.Tests.Models;

/// <summary>
/// Writes small ONNX models (ModelProto) for tests, encoding only the fields they need with field
/// numbers from the public onnx.proto. Dimensions are given as a long (fixed size), a string
/// (symbolic name) or null (unknown).
/// </summary>
internal sealed class OnnxModelBuilder
{
    public const int Float = 1;
    public const int Int64 = 7;
    public const int Double = 11;

    private readonly List<byte[]> _nodes = [];
    private readonly List<byte[]> _initializers = [];
    private readonly List<byte[]> _inputs = [];
    private readonly List<byte[]> _outputs = [];
    private readonly List<(string Key, string Value)> _metadata = [];
    private readonly List<(string Domain, long Version)> _opsets = [("", 13)];

    public long IrVersion { get; set; } = 8;

    public OnnxModelBuilder Input(string name, int elementType, params object?[] dimensions)
    {
        _inputs.Add(ValueInfo(name, TensorType(elementType, dimensions)));
        return this;
    }

    public OnnxModelBuilder Output(string name, int elementType, params object?[] dimensions)
    {
        _outputs.Add(ValueInfo(name, TensorType(elementType, dimensions)));
        return this;
    }

    /// <summary>An output typed as a sequence of maps from int64 to float, as ZipMap produces.</summary>
    public OnnxModelBuilder SequenceOfMapsOutput(string name)
    {
        var map = Message(stream =>
        {
            stream.WriteTag(1, WireFormat.WireType.Varint);
            stream.WriteInt32(Int64);
            WriteMessage(stream, 2, TensorType(Float));
        });
        var mapType = Message(stream => WriteMessage(stream, 5, map));
        var sequence = Message(stream => WriteMessage(stream, 1, mapType));
        var sequenceType = Message(stream => WriteMessage(stream, 4, sequence));

        _outputs.Add(ValueInfo(name, sequenceType));
        return this;
    }

    public OnnxModelBuilder Initializer(string name, int elementType, long[] dimensions, double[] values)
    {
        var raw = elementType switch
        {
            Float => values.SelectMany(value => BitConverter.GetBytes((float)value)).ToArray(),
            Double => values.SelectMany(BitConverter.GetBytes).ToArray(),
            Int64 => values.SelectMany(value => BitConverter.GetBytes((long)value)).ToArray(),
            _ => throw new ArgumentOutOfRangeException(nameof(elementType), elementType, "Only float, double and int64 initializers are written."),
        };

        _initializers.Add(Message(stream =>
        {
            foreach (var dimension in dimensions)
            {
                stream.WriteTag(1, WireFormat.WireType.Varint);
                stream.WriteInt64(dimension);
            }

            stream.WriteTag(2, WireFormat.WireType.Varint);
            stream.WriteInt32(elementType);
            WriteString(stream, 8, name);
            stream.WriteTag(9, WireFormat.WireType.LengthDelimited);
            stream.WriteBytes(ByteString.CopyFrom(raw));
        }));
        return this;
    }

    /// <summary>Adds a node; attributes are (name, value) with a long, float or long[] value.</summary>
    public OnnxModelBuilder Node(string opType, string[] inputs, string[] outputs, string domain = "", params (string Name, object Value)[] attributes)
    {
        _nodes.Add(Message(stream =>
        {
            foreach (var input in inputs)
            {
                WriteString(stream, 1, input);
            }

            foreach (var output in outputs)
            {
                WriteString(stream, 2, output);
            }

            WriteString(stream, 4, opType);
            foreach (var (name, value) in attributes)
            {
                WriteMessage(stream, 5, Attribute(name, value));
            }

            if (domain.Length > 0)
            {
                WriteString(stream, 7, domain);
            }
        }));
        return this;
    }

    public OnnxModelBuilder Opset(string domain, long version)
    {
        _opsets.RemoveAll(opset => opset.Domain == domain);
        _opsets.Add((domain, version));
        return this;
    }

    public OnnxModelBuilder Metadata(string key, string value)
    {
        _metadata.Add((key, value));
        return this;
    }

    public byte[] Build()
    {
        var graph = Message(stream =>
        {
            _nodes.ForEach(node => WriteMessage(stream, 1, node));
            WriteString(stream, 2, "test");
            _initializers.ForEach(initializer => WriteMessage(stream, 5, initializer));
            _inputs.ForEach(input => WriteMessage(stream, 11, input));
            _outputs.ForEach(output => WriteMessage(stream, 12, output));
        });

        return Message(stream =>
        {
            stream.WriteTag(1, WireFormat.WireType.Varint);
            stream.WriteInt64(IrVersion);
            WriteString(stream, 2, "hnlservice-tests");
            WriteMessage(stream, 7, graph);
            foreach (var (domain, version) in _opsets)
            {
                WriteMessage(stream, 8, Message(opset =>
                {
                    WriteString(opset, 1, domain);
                    opset.WriteTag(2, WireFormat.WireType.Varint);
                    opset.WriteInt64(version);
                }));
            }

            foreach (var (key, value) in _metadata)
            {
                WriteMessage(stream, 14, Message(entry =>
                {
                    WriteString(entry, 1, key);
                    WriteString(entry, 2, value);
                }));
            }
        });
    }

    /// <summary>Writes the model to a file in directory and returns its path.</summary>
    public string Save(string directory, string fileName)
    {
        var path = Path.Combine(directory, fileName);
        File.WriteAllBytes(path, Build());
        return path;
    }

    // AttributeProto: name = 1, f = 2, i = 3, ints = 8, type = 20 (FLOAT = 1, INT = 2, INTS = 7).
    private static byte[] Attribute(string name, object value) => Message(stream =>
    {
        WriteString(stream, 1, name);
        switch (value)
        {
            case float number:
                stream.WriteTag(2, WireFormat.WireType.Fixed32);
                stream.WriteFloat(number);
                WriteAttributeType(stream, 1);
                break;
            case long number:
                stream.WriteTag(3, WireFormat.WireType.Varint);
                stream.WriteInt64(number);
                WriteAttributeType(stream, 2);
                break;
            case long[] numbers:
                foreach (var number in numbers)
                {
                    stream.WriteTag(8, WireFormat.WireType.Varint);
                    stream.WriteInt64(number);
                }

                WriteAttributeType(stream, 7);
                break;
            default:
                throw new ArgumentException($"Attribute '{name}' has unsupported value type {value.GetType()}.", nameof(value));
        }
    });

    private static void WriteAttributeType(CodedOutputStream stream, int type)
    {
        stream.WriteTag(20, WireFormat.WireType.Varint);
        stream.WriteInt32(type);
    }

    // TypeProto { tensor_type = 1: Tensor { elem_type = 1, shape = 2: TensorShapeProto { dim = 1 } } }.
    private static byte[] TensorType(int elementType, params object?[] dimensions)
    {
        var shape = Message(stream =>
        {
            foreach (var dimension in dimensions)
            {
                WriteMessage(stream, 1, Message(dim =>
                {
                    switch (dimension)
                    {
                        case long size:
                            dim.WriteTag(1, WireFormat.WireType.Varint);
                            dim.WriteInt64(size);
                            break;
                        case int size:
                            dim.WriteTag(1, WireFormat.WireType.Varint);
                            dim.WriteInt64(size);
                            break;
                        case string symbol:
                            WriteString(dim, 2, symbol);
                            break;
                    }
                }));
            }
        });

        var tensor = Message(stream =>
        {
            stream.WriteTag(1, WireFormat.WireType.Varint);
            stream.WriteInt32(elementType);
            WriteMessage(stream, 2, shape);
        });

        return Message(stream => WriteMessage(stream, 1, tensor));
    }

    // ValueInfoProto: name = 1, type = 2.
    private static byte[] ValueInfo(string name, byte[] type) => Message(stream =>
    {
        WriteString(stream, 1, name);
        WriteMessage(stream, 2, type);
    });

    private static byte[] Message(Action<CodedOutputStream> write)
    {
        using var buffer = new MemoryStream();
        using (var stream = new CodedOutputStream(buffer, leaveOpen: true))
        {
            write(stream);
        }

        return buffer.ToArray();
    }

    private static void WriteMessage(CodedOutputStream stream, int field, byte[] message)
    {
        stream.WriteTag(field, WireFormat.WireType.LengthDelimited);
        stream.WriteBytes(ByteString.CopyFrom(message));
    }

    private static void WriteString(CodedOutputStream stream, int field, string value)
    {
        stream.WriteTag(field, WireFormat.WireType.LengthDelimited);
        stream.WriteString(value);
    }
}
