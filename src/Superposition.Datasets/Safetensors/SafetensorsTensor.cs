using System.Collections.Immutable;
using System.Runtime.InteropServices;

namespace Superposition.Datasets.Safetensors;

/// <summary>
/// One named tensor of a safetensors file: a sum type over the element types the project writes
/// (I32, I64, F32, F64), plus <see cref="RawTensor"/> for any other dtype a foreign file may hold, so
/// reading never fails on a tensor this code does not interpret. Values are held in row-major
/// (C) order, as the format stores them. Equality of the value arrays is by reference, as for every
/// <see cref="ImmutableArray{T}"/> in a record.
/// </summary>
/// <param name="Name">The tensor's key in the header; unique in a file and never "__metadata__".</param>
/// <param name="Shape">Dimensions, outermost first; empty for a scalar (one element).</param>
public abstract record SafetensorsTensor(string Name, ImmutableArray<long> Shape)
{
    /// <summary>The header's dtype word ("I32", "F64", ...).</summary>
    public abstract string DType { get; }

    /// <summary>The product of <see cref="Shape"/>: how many elements the shape promises; throws on overflow.</summary>
    public long ShapeElementCount => Shape.Aggregate(1L, (product, dimension) => checked(product * dimension));

    /// <summary>Bytes of one element of <see cref="DType"/>.</summary>
    public int ElementSize => SafetensorsDTypes.SizeOf(DType);

    /// <summary>Bytes the values occupy; writing checks that this is <see cref="ShapeElementCount"/> × <see cref="ElementSize"/>.</summary>
    public long ByteCount => HostBytes.Length;

    /// <summary>The values as bytes in host order (little-endian data for <see cref="RawTensor"/>).</summary>
    internal abstract ReadOnlySpan<byte> HostBytes { get; }

    /// <summary>True when <see cref="HostBytes"/> must be byte-swapped on a big-endian host to be little-endian.</summary>
    internal virtual bool IsHostOrder => true;
}

/// <summary>A tensor of 32-bit signed integers (dtype I32): code supports, offsets, compute matrix entries.</summary>
public sealed record Int32Tensor(string Name, ImmutableArray<long> Shape, ImmutableArray<int> Values) : SafetensorsTensor(Name, Shape)
{
    /// <summary>A one-dimensional tensor of <paramref name="values"/>.</summary>
    public static Int32Tensor Vector(string name, ImmutableArray<int> values) => new(name, [values.Length], values);

    public override string DType => "I32";

    internal override ReadOnlySpan<byte> HostBytes => MemoryMarshal.AsBytes(Values.AsSpan());
}

/// <summary>A tensor of 64-bit signed integers (dtype I64).</summary>
public sealed record Int64Tensor(string Name, ImmutableArray<long> Shape, ImmutableArray<long> Values) : SafetensorsTensor(Name, Shape)
{
    public static Int64Tensor Vector(string name, ImmutableArray<long> values) => new(name, [values.Length], values);

    public override string DType => "I64";

    internal override ReadOnlySpan<byte> HostBytes => MemoryMarshal.AsBytes(Values.AsSpan());
}

/// <summary>A tensor of single-precision floats (dtype F32).</summary>
public sealed record Float32Tensor(string Name, ImmutableArray<long> Shape, ImmutableArray<float> Values) : SafetensorsTensor(Name, Shape)
{
    public static Float32Tensor Vector(string name, ImmutableArray<float> values) => new(name, [values.Length], values);

    public override string DType => "F32";

    internal override ReadOnlySpan<byte> HostBytes => MemoryMarshal.AsBytes(Values.AsSpan());
}

/// <summary>A tensor of double-precision floats (dtype F64): biases and thresholds, exactly as the network holds them.</summary>
public sealed record Float64Tensor(string Name, ImmutableArray<long> Shape, ImmutableArray<double> Values) : SafetensorsTensor(Name, Shape)
{
    public static Float64Tensor Vector(string name, ImmutableArray<double> values) => new(name, [values.Length], values);

    public override string DType => "F64";

    internal override ReadOnlySpan<byte> HostBytes => MemoryMarshal.AsBytes(Values.AsSpan());
}

/// <summary>
/// A tensor of any other dtype (BOOL, U8, F16, BF16, ...), kept as its little-endian bytes so that a
/// foreign file reads back and writes out unchanged.
/// </summary>
/// <param name="DTypeName">The header's dtype word; one of <see cref="SafetensorsDTypes.Names"/>.</param>
public sealed record RawTensor(string Name, string DTypeName, ImmutableArray<long> Shape, ImmutableArray<byte> Bytes) : SafetensorsTensor(Name, Shape)
{
    public override string DType => DTypeName;

    internal override ReadOnlySpan<byte> HostBytes => Bytes.AsSpan();

    internal override bool IsHostOrder => false;
}
