using MetaAccessExporter.WebConfig;

namespace MetaAccessExporter.Tests.WebConfig;

public class PasswordCheckTests
{
    // Made by Go's golang.org/x/crypto/bcrypt (the toolkit's own decoy), so not by the library under test.
    private const string GoHashOfFakepassword = "$2y$10$QOauhQNbBCuQDKes6eFzPeMqBSjb7Mr5DUmpZ/VcEd00UAV/LDeSi";

    private readonly PasswordCheck _check = new();

    [Fact]
    public async Task A_hash_made_by_Go_and_htpasswd_accepts_its_password_and_nothing_else()
    {
        var users = Users(("alice", GoHashOfFakepassword));

        (await _check.CheckAsync("alice", "fakepassword", users, default)).Should().BeNull();
        (await _check.CheckAsync("alice", "fakepassword ", users, default)).Should().Be(LoginFailure.WrongPassword);
        (await _check.CheckAsync("alice", "", users, default)).Should().Be(LoginFailure.WrongPassword);
    }

    [Fact]
    public async Task An_unknown_user_is_refused_even_with_the_decoys_password()
    {
        var users = Users(("alice", GoHashOfFakepassword));

        (await _check.CheckAsync("mallory", "fakepassword", users, default)).Should().Be(LoginFailure.UnknownUser);
    }

    [Fact]
    public async Task A_remembered_login_ends_when_the_users_hash_changes()
    {
        var before = Users(("alice", GoHashOfFakepassword));
        var after = Users(("alice", BCrypt.Net.BCrypt.HashPassword("new secret", workFactor: 4)));
        (await _check.CheckAsync("alice", "fakepassword", before, default)).Should().BeNull();

        (await _check.CheckAsync("alice", "fakepassword", after, default)).Should().Be(LoginFailure.WrongPassword);
        (await _check.CheckAsync("alice", "new secret", after, default)).Should().BeNull();
    }

    [Fact]
    public async Task A_remembered_login_is_that_users_alone()
    {
        var users = Users(("alice", GoHashOfFakepassword), ("bob", BCrypt.Net.BCrypt.HashPassword("bobs", workFactor: 4)));
        (await _check.CheckAsync("alice", "fakepassword", users, default)).Should().BeNull();

        (await _check.CheckAsync("bob", "fakepassword", users, default)).Should().Be(LoginFailure.WrongPassword);
    }

    [Theory]
    [InlineData("Basic YWxpY2U6c2VjcmV0", "alice", "secret")]
    [InlineData("basic YWxpY2U6c2U6Y3JldA==", "alice", "se:cret")]
    [InlineData("Basic OnNlY3JldA==", "", "secret")]
    [InlineData("Basic w6lsb8Ovc2U6cMOiJCQ=", "éloïse", "pâ$$")]
    public void Basic_credentials_are_read_as_Go_reads_them(string header, string user, string password) =>
        BasicCredentials.Parse(header).Should().Be(new BasicCredentials(user, password));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Bearer abc")]
    [InlineData("Basic not-base64!")]
    [InlineData("Basic YWxpY2U=")] // "alice", no colon
    [InlineData("Basic //79")] // not UTF-8
    public void A_header_that_is_not_basic_credentials_counts_as_none(string? header) =>
        BasicCredentials.Parse(header).Should().BeNull();

    private static BasicAuthUsers Users(params (string User, string Hash)[] users) =>
        new(users.ToDictionary(u => u.User, u => u.Hash));
}
