using System.Text.Json;
using Superposition.Datasets.Rows;
using Superposition.Datasets.Tests.Support;
using Superposition.Rows;
using Xunit;

namespace Superposition.Datasets.Tests;

public sealed class SampleColumnsTests
{
    [Fact]
    public void Table_maps_every_SampleRow_property_in_declaration_order_to_its_snake_case_name()
    {
        var expected = RowAssert.Properties<SampleRow>().Select(property => (JsonNamingPolicy.SnakeCaseLower.ConvertName(property.Name), property.Name));

        var actual = SampleColumns.Table.Columns.Select(column => (column.Name, column.PropertyName));

        Assert.Equal(expected, actual);
    }
}
