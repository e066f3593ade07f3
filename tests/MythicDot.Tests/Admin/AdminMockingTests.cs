using NSubstitute;

namespace MythicDot.Tests.Admin;

/// <summary>The admin client fakes as the main one does: the protected constructor needs no key, the virtual members are overridden.</summary>
public sealed class AdminMockingTests
{
    [Fact]
    public async Task Substitute_FakeMembersAndDeletion_ReachTheCaller()
    {
        var admin = Substitute.For<MythicDotAdminClient>(new Uri("https://api.test/v1/"));
        var members = Substitute.For<AdminMembersClient>();
        admin.Members.Returns(members);
        members.ListAsync(Arg.Any<RequestOptions?>(), Arg.Any<CancellationToken>())
            .Returns(AsyncPageable.FromPages([new Page<OrganizationMember> { Data = [new OrganizationMember { Id = "user_1", Role = OrganizationRole.Owner }] }]));
        admin.DeleteDataAsync(DataDeletionScope.All, true, Arg.Any<RequestOptions?>(), Arg.Any<CancellationToken>())
            .Returns(new DataDeletion { Id = "del_1", Status = DataDeletionStatus.Pending });

        var listed = await admin.Members.ListAsync(TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken);
        var deletion = await admin.DeleteDataAsync(DataDeletionScope.All, confirm: true, TestContext.Current.CancellationToken);

        Assert.Equal("user_1", Assert.Single(listed).Id);
        Assert.Equal("del_1", deletion.Id);
    }
}
