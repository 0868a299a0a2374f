"""The schema revisions this HubDesk knows, without importing Alembic.

Start-up only needs to know whether the database is at the newest revision; importing Alembic
to find that out costs an old office PC a noticeable part of a second. The list must name every
migration in ``migrations/versions`` in order; a test compares it with Alembic's own view.
"""

from __future__ import annotations

REVISIONS: tuple[str, ...] = (
    "0001",
    "0002",
    "0003",
    "0004",
    "0005",
    "0006",
    "0007",
    "0008",
    "0009",
    "0010",
    "0011",
    "0012",
    "0013",
    "0014",
    "0015",
    "0017",
    "0018",
    "0021",
    "0024",
    "0022",
    "0020",
    "0019",
    "0023",
    "0025",
    "0026",
    "0027",
    "0028",
    "0029",
    "0030",
    "0031",
)


def head_revision() -> str:
    return REVISIONS[-1]


def known_revisions() -> set[str]:
    return set(REVISIONS)


# What ``schema_shape.digest`` gives for the schema each revision's migrations make. A test
# rebuilds them from the migrations; a new migration needs its digest here (the test prints it).
SCHEMA_DIGESTS: dict[str, str] = {
    "0001": "3e42505604c5ba105dec844575b29f5d5eebc491ce72fe4a560a0a409f4034ef",
    "0002": "01d4d4a2d85378793b538c08e462cd3c6802c01206341f57ffa8e936a4ac97db",
    "0003": "3afa622c4aa1d8abe4e0adf8661fad3dac613bf3267486421d6b69542646c172",
    "0004": "c27de050e169bbaf39e33de0a22483403de0ef0e712237dd8337afe405da45ca",
    "0005": "60404da024141dd9aa1885588e1742fc4059c398f86c1aadbb9d45d3fc1c056c",
    "0006": "cfeb78b025cf84b9548b44bf81def97aa1780d66f907c97e6156102577592cd0",
    "0007": "30081057e7b9629b528ea18dfc3c5fca781ad98e82f5866dc502f0cce4c73ed7",
    "0008": "892ec6d2e5a4d4e9ba4ed27282b88c2d502dcc08ac3de2766a7303ad7a511eae",
    "0009": "f7b0830e8e3de77daedaa166071361bfca0930f2928d505bc525f4174e5e47cf",
    "0010": "9ffe74a32079acc2bafc7dffa0ede8ac511f53fc88e5cda2736eec92f257e09b",
    "0011": "eb831e888aeb5a4d1e19231183bc15e7bc5a3ef2d5197d525a2ed6e9389c4af8",
    "0012": "e07990cd6a942b5b3198fe5b8eb90118200ad340680de789a304ceb3f04dbe2a",
    "0013": "fb965c2a4639f04054b6aea15b2bae27bfb677154ba692c01c7b4988a229587d",
    "0014": "cde2144c6716b772b2652000ca435c417b36790f08ec2506024d0d4362e12899",
    "0015": "7cdde17bb1e48962eafd6ce53075cd4fa15e7cc327642607c641dd9be7f7f036",
    "0017": "6b0ebd9014ece986d9f8e71167c821b44ee752626bb93df85d280a57e86a0a8a",
    "0018": "b1aad27463c8f21d31b478ee0deb4a890a8e1e7183a265f3604e516d52876ae0",
    "0021": "5a8d63e25050f7b50374dc1df9a1f8dc68c2cfa9519769f3e820a200868f051e",
    "0024": "64a856508d30624db5a867b2bf6153929124dfa62393b22c4eb85e9b7f2e30bb",
    "0022": "126dd423a774a47ca4f5b412f9fc5af645a6b67995d3239f79022fd2d184fb37",
    "0020": "e57199ecbac720fae5b50a8f01d341dabad9f93a06ab32677fe12780b0da51be",
    "0019": "cd9a0c73eba87e0ee120156520293d7b9e203c0793004ad347b39500a5c7ed6f",
    "0023": "c25da335ee767973847024fbad3684d0555d5c066b8704f8ad6919c50aa80d29",
    "0025": "8693bd518bb38c953ededffe610a30debda7de56e825a92b4990b92357f2f43c",
    "0026": "bde59a1c105b0cc9ea6ff91011bacd108f2fa059900626791f618977aa44ddf0",
    "0027": "bde59a1c105b0cc9ea6ff91011bacd108f2fa059900626791f618977aa44ddf0",
    "0028": "bb7d532d0cf0d282ee752adaf95ab00a6c2118302ff5e70b3d1b6bfb335a41c0",
    "0029": "15361dc63c29a22fe9da5ac709eca98ffab2422e2ab3e7dd683920a640734845",
    "0030": "15361dc63c29a22fe9da5ac709eca98ffab2422e2ab3e7dd683920a640734845",
    "0031": "15361dc63c29a22fe9da5ac709eca98ffab2422e2ab3e7dd683920a640734845",
}
