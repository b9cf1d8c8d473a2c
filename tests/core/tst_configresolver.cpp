#include "config/configresolver.h"
#include "config/profilestore.h"

#include <QHash>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace crossline;

Q_DECLARE_METATYPE(crossline::ValueSource)

namespace {

const QString ProdKeychainKey = QStringLiteral("prod-keychain-nango-key-0001");
const QString DevKeychainKey = QStringLiteral("dev-keychain-nango-key-0002");
const QString ProdPanoraKey = QStringLiteral("prod-keychain-panora-key-03");
const QString ProdPanoraToken = QStringLiteral("prod-keychain-panora-token-04");

QProcessEnvironment environment(const QStringList &vars)
{
    QProcessEnvironment env; // empty: nothing from the machine running the test leaks in
    for (const QString &v : vars) {
        const qsizetype eq = v.indexOf(u'=');
        env.insert(v.left(eq), v.mid(eq + 1));
    }
    return env;
}

ConfigFlags parseFlags(const QStringList &list)
{
    ConfigFlags f;
    for (const QString &item : list) {
        const qsizetype eq = item.indexOf(u'=');
        const QString name = item.left(eq);
        const QString value = item.mid(eq + 1);
        if (name == u"profile")
            f.profile = value;
        else if (name == u"base")
            f.nangoBase = value;
        else if (name == u"key")
            f.nangoKey = value;
        else if (name == u"panoraUrl")
            f.panoraUrl = value;
        else if (name == u"panoraKey")
            f.panoraKey = value;
        else if (name == u"panoraToken")
            f.panoraConnectionToken = value;
        else if (name == u"insecure")
            f.allowInsecureHttp = true;
        else
            qFatal("unknown flag in test data");
    }
    return f;
}

ResolvedValue field(const ResolvedConfig &c, const QString &name)
{
    if (name == u"nangoBase")
        return c.nangoBase;
    if (name == u"nangoKey")
        return c.nangoKey;
    if (name == u"panoraUrl")
        return c.panoraUrl;
    if (name == u"panoraKey")
        return c.panoraKey;
    if (name == u"panoraToken")
        return c.panoraConnectionToken;
    qFatal("unknown field in test data");
    return {};
}

} // namespace

class TestConfigResolver : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();

    void precedence_data();
    void precedence();

    void maskSecret_data();
    void maskSecret();
    void describeValue_data();
    void describeValue();
    void describeNeverShowsFullSecret();

    void keychainNotAskedWhenEnvOrFlagSupplies();
    void unknownProfileFlagIsConfigError();
    void invalidNangoEnvIgnoredWithWarning();
    void profileAttributesCarriedOver();
    void worksWithoutStore();
    void overridingVariableFollowsPrecedence_data();
    void overridingVariableFollowsPrecedence();

private:
    ResolvedConfig resolve(const ConfigFlags &flags, const QStringList &env);

    QTemporaryDir m_dir;
    std::unique_ptr<QSettings> m_settings;
    std::unique_ptr<ProfileStore> m_store;
    QHash<QString, QString> m_keychain;
    QStringList m_lookups;
};

void TestConfigResolver::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_settings = std::make_unique<QSettings>(m_dir.filePath(QStringLiteral("crossline.ini")), QSettings::IniFormat);
    m_store = std::make_unique<ProfileStore>(m_settings.get());

    Profile prod;
    prod.name = QStringLiteral("prod");
    prod.nangoBase = QUrl(QStringLiteral("https://nango.prod.example.com/"));
    prod.panoraUrl = QUrl(QStringLiteral("https://panora.prod.example.com"));
    prod.production = true;
    prod.nangoMapping = Profile::NangoMapping::RecordsAndActions;
    QVERIFY(!m_store->save(prod));

    Profile dev;
    dev.name = QStringLiteral("dev");
    dev.nangoBase = QUrl(QStringLiteral("http://nango.dev.internal:3003"));
    dev.allowInsecureHttp = true;
    QVERIFY(!m_store->save(dev));

    Profile bare;
    bare.name = QStringLiteral("bare");
    QVERIFY(!m_store->save(bare));

    m_keychain.insert(QStringLiteral("prod/nango-key"), ProdKeychainKey);
    m_keychain.insert(QStringLiteral("dev/nango-key"), DevKeychainKey);
    m_keychain.insert(QStringLiteral("prod/panora-key"), ProdPanoraKey);
    m_keychain.insert(QStringLiteral("prod/panora-connection-token"), ProdPanoraToken);
    m_keychain.insert(QStringLiteral("staging/nango-key"), QStringLiteral("staging-keychain-key-05"));
}

void TestConfigResolver::init()
{
    m_lookups.clear();
    QVERIFY(!m_store->setActive({}));
}

ResolvedConfig TestConfigResolver::resolve(const ConfigFlags &flags, const QStringList &env)
{
    return ConfigResolver::resolve(flags, environment(env), m_store.get(), [this](const QString &p, const QString &n) {
        m_lookups << p + u'/' + n;
        return m_keychain.value(p + u'/' + n);
    });
}

void TestConfigResolver::precedence_data()
{
    QTest::addColumn<QStringList>("flags");
    QTest::addColumn<QStringList>("env");
    QTest::addColumn<QString>("active");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("value");
    QTest::addColumn<ValueSource>("source");
    QTest::addColumn<QString>("origin");
    QTest::addColumn<QString>("profileName");
    QTest::addColumn<ValueSource>("profileSource");
    QTest::addColumn<bool>("envOverridesProfile");

    const auto S = [](const char *s) { return QString::fromUtf8(s); };
    const auto L = [](std::initializer_list<const char *> items) {
        QStringList out;
        for (const char *i : items)
            out << QString::fromUtf8(i);
        return out;
    };
    const QString none;
    using V = ValueSource;

    // clang-format off
    // --- Nango base URL
    QTest::newRow("default when nothing is set")
        << L({}) << L({}) << none << S("nangoBase") << S("https://api.nango.dev") << V::Default << S("default") << none << V::None << false;
    QTest::newRow("flag beats env")
        << L({"base=https://flag.example.com/"}) << L({"NANGO_API_BASE=https://env.example.com", "NANGO_HOST=https://host.example.com"}) << S("prod")
        << S("nangoBase") << S("https://flag.example.com") << V::Flag << S("--base") << S("prod") << V::Profile << false;
    QTest::newRow("env beats profile")
        << L({}) << L({"NANGO_API_BASE=https://env.example.com"}) << S("prod")
        << S("nangoBase") << S("https://env.example.com") << V::Environment << S("NANGO_API_BASE") << S("prod") << V::Profile << true;
    QTest::newRow("profile beats default, trailing slash stripped")
        << L({}) << L({}) << S("prod")
        << S("nangoBase") << S("https://nango.prod.example.com") << V::Profile << S("profile prod") << S("prod") << V::Profile << false;
    QTest::newRow("NANGO_API_BASE beats NANGO_HOST")
        << L({}) << L({"NANGO_HOST=https://host.example.com", "NANGO_API_BASE=https://base.example.com"}) << none
        << S("nangoBase") << S("https://base.example.com") << V::Environment << S("NANGO_API_BASE") << none << V::None << false;
    QTest::newRow("NANGO_HOST alone")
        << L({}) << L({"NANGO_HOST=https://host.example.com/"}) << none
        << S("nangoBase") << S("https://host.example.com") << V::Environment << S("NANGO_HOST") << none << V::None << false;
    QTest::newRow("empty NANGO_API_BASE ignored")
        << L({}) << L({"NANGO_API_BASE=", "NANGO_HOST=https://host.example.com"}) << none
        << S("nangoBase") << S("https://host.example.com") << V::Environment << S("NANGO_HOST") << none << V::None << false;
    QTest::newRow("blank NANGO_API_BASE falls back to profile")
        << L({}) << L({"NANGO_API_BASE=   "}) << S("prod")
        << S("nangoBase") << S("https://nango.prod.example.com") << V::Profile << S("profile prod") << S("prod") << V::Profile << false;
    QTest::newRow("NANGO_API_BASE_PROD beats NANGO_API_BASE (flag)")
        << L({"profile=prod"}) << L({"NANGO_API_BASE=https://plain.example.com", "NANGO_API_BASE_PROD=https://p.example.com"}) << none
        << S("nangoBase") << S("https://p.example.com") << V::Environment << S("NANGO_API_BASE_PROD") << S("prod") << V::Flag << true;
    QTest::newRow("NANGO_API_BASE_PROD beats NANGO_HOST (NANGO_ENV)")
        << L({}) << L({"NANGO_ENV=prod", "NANGO_HOST=https://host.example.com", "NANGO_API_BASE_PROD=https://p.example.com"}) << none
        << S("nangoBase") << S("https://p.example.com") << V::Environment << S("NANGO_API_BASE_PROD") << S("prod") << V::Environment << true;
    QTest::newRow("NANGO_API_BASE_DEV ignored when prod selected")
        << L({}) << L({"NANGO_API_BASE_DEV=https://d.example.com"}) << S("prod")
        << S("nangoBase") << S("https://nango.prod.example.com") << V::Profile << S("profile prod") << S("prod") << V::Profile << false;
    QTest::newRow("suffixed URL ignored without a profile")
        << L({}) << L({"NANGO_API_BASE_PROD=https://p.example.com"}) << none
        << S("nangoBase") << S("https://api.nango.dev") << V::Default << S("default") << none << V::None << false;
    QTest::newRow("env over a profile without URL is no override")
        << L({}) << L({"NANGO_API_BASE=https://env.example.com"}) << S("bare")
        << S("nangoBase") << S("https://env.example.com") << V::Environment << S("NANGO_API_BASE") << S("bare") << V::Profile << false;

    // --- Nango secret key
    QTest::newRow("_PROD beats plain, prod by flag")
        << L({"profile=prod"}) << L({"NANGO_SECRET_KEY=plain-key", "NANGO_SECRET_KEY_PROD=prod-env-key"}) << none
        << S("nangoKey") << S("prod-env-key") << V::Environment << S("NANGO_SECRET_KEY_PROD") << S("prod") << V::Flag << true;
    QTest::newRow("_PROD beats plain, prod by NANGO_ENV")
        << L({}) << L({"NANGO_ENV=prod", "NANGO_SECRET_KEY=plain-key", "NANGO_SECRET_KEY_PROD=prod-env-key"}) << S("dev")
        << S("nangoKey") << S("prod-env-key") << V::Environment << S("NANGO_SECRET_KEY_PROD") << S("prod") << V::Environment << true;
    QTest::newRow("_PROD beats plain, prod active")
        << L({}) << L({"NANGO_SECRET_KEY=plain-key", "NANGO_SECRET_KEY_PROD=prod-env-key"}) << S("prod")
        << S("nangoKey") << S("prod-env-key") << V::Environment << S("NANGO_SECRET_KEY_PROD") << S("prod") << V::Profile << true;
    QTest::newRow("NANGO_ENV upper-case matches profile prod")
        << L({}) << L({"NANGO_ENV=PROD", "NANGO_SECRET_KEY_PROD=prod-env-key"}) << none
        << S("nangoKey") << S("prod-env-key") << V::Environment << S("NANGO_SECRET_KEY_PROD") << S("prod") << V::Environment << true;
    QTest::newRow("_DEV ignored when prod selected")
        << L({"profile=prod"}) << L({"NANGO_SECRET_KEY_DEV=dev-env-key", "NANGO_SECRET_KEY=plain-key"}) << S("dev")
        << S("nangoKey") << S("plain-key") << V::Environment << S("NANGO_SECRET_KEY") << S("prod") << V::Flag << true;
    QTest::newRow("--profile beats NANGO_ENV")
        << L({"profile=dev"}) << L({"NANGO_ENV=prod", "NANGO_SECRET_KEY_PROD=prod-env-key", "NANGO_SECRET_KEY_DEV=dev-env-key"}) << none
        << S("nangoKey") << S("dev-env-key") << V::Environment << S("NANGO_SECRET_KEY_DEV") << S("dev") << V::Flag << true;
    QTest::newRow("empty _PROD ignored")
        << L({}) << L({"NANGO_SECRET_KEY_PROD=", "NANGO_SECRET_KEY=plain-key"}) << S("prod")
        << S("nangoKey") << S("plain-key") << V::Environment << S("NANGO_SECRET_KEY") << S("prod") << V::Profile << true;
    QTest::newRow("NANGO_ENV without saved profile selects suffix")
        << L({}) << L({"NANGO_ENV=staging", "NANGO_SECRET_KEY=plain-key", "NANGO_SECRET_KEY_STAGING=staging-env-key"}) << S("prod")
        << S("nangoKey") << S("staging-env-key") << V::Environment << S("NANGO_SECRET_KEY_STAGING") << S("staging") << V::Environment << false;
    QTest::newRow("NANGO_ENV without saved profile still reads its keychain entry")
        << L({}) << L({"NANGO_ENV=staging"}) << none
        << S("nangoKey") << S("staging-keychain-key-05") << V::Keychain << S("keychain staging/nango-key") << S("staging") << V::Environment << false;
    QTest::newRow("keychain when no flag or env")
        << L({}) << L({}) << S("prod")
        << S("nangoKey") << ProdKeychainKey << V::Keychain << S("keychain prod/nango-key") << S("prod") << V::Profile << false;
    QTest::newRow("keychain of the NANGO_ENV profile, not the active one")
        << L({}) << L({"NANGO_ENV=dev"}) << S("prod")
        << S("nangoKey") << DevKeychainKey << V::Keychain << S("keychain dev/nango-key") << S("dev") << V::Environment << false;
    QTest::newRow("env beats keychain")
        << L({}) << L({"NANGO_SECRET_KEY=plain-key"}) << S("prod")
        << S("nangoKey") << S("plain-key") << V::Environment << S("NANGO_SECRET_KEY") << S("prod") << V::Profile << true;
    QTest::newRow("flag beats env and keychain")
        << L({"key=flag-key"}) << L({"NANGO_SECRET_KEY=plain-key", "NANGO_SECRET_KEY_PROD=prod-env-key"}) << S("prod")
        << S("nangoKey") << S("flag-key") << V::Flag << S("--key") << S("prod") << V::Profile << false;
    QTest::newRow("no profile: no key")
        << L({}) << L({}) << none << S("nangoKey") << none << V::None << none << none << V::None << false;
    QTest::newRow("profile without keychain entry: no key")
        << L({}) << L({}) << S("bare") << S("nangoKey") << none << V::None << none << S("bare") << V::Profile << false;

    // --- Panora
    QTest::newRow("panora URL flag beats env")
        << L({"panoraUrl=https://pf.example.com/"}) << L({"PANORA_API_URL=https://pe.example.com"}) << S("prod")
        << S("panoraUrl") << S("https://pf.example.com") << V::Flag << S("--panora-url") << S("prod") << V::Profile << false;
    QTest::newRow("panora URL env beats profile")
        << L({}) << L({"PANORA_API_URL=https://pe.example.com"}) << S("prod")
        << S("panoraUrl") << S("https://pe.example.com") << V::Environment << S("PANORA_API_URL") << S("prod") << V::Profile << true;
    QTest::newRow("panora URL from profile")
        << L({}) << L({}) << S("prod")
        << S("panoraUrl") << S("https://panora.prod.example.com") << V::Profile << S("profile prod") << S("prod") << V::Profile << false;
    QTest::newRow("panora URL has no default")
        << L({}) << L({}) << S("dev") << S("panoraUrl") << none << V::None << none << S("dev") << V::Profile << false;
    QTest::newRow("panora key env")
        << L({}) << L({"PANORA_API_KEY=panora-env-key"}) << none
        << S("panoraKey") << S("panora-env-key") << V::Environment << S("PANORA_API_KEY") << none << V::None << false;
    QTest::newRow("panora key keychain")
        << L({}) << L({"PANORA_API_KEY="}) << S("prod")
        << S("panoraKey") << ProdPanoraKey << V::Keychain << S("keychain prod/panora-key") << S("prod") << V::Profile << false;
    QTest::newRow("panora key flag")
        << L({"panoraKey=pk-flag"}) << L({"PANORA_API_KEY=panora-env-key"}) << S("prod")
        << S("panoraKey") << S("pk-flag") << V::Flag << S("--panora-key") << S("prod") << V::Profile << false;
    QTest::newRow("panora token env")
        << L({}) << L({"PANORA_CONNECTION_TOKEN=tok-env"}) << S("prod")
        << S("panoraToken") << S("tok-env") << V::Environment << S("PANORA_CONNECTION_TOKEN") << S("prod") << V::Profile << true;
    QTest::newRow("panora token keychain")
        << L({}) << L({}) << S("prod")
        << S("panoraToken") << ProdPanoraToken << V::Keychain << S("keychain prod/panora-connection-token") << S("prod") << V::Profile << false;
    // clang-format on
}

void TestConfigResolver::precedence()
{
    QFETCH(QStringList, flags);
    QFETCH(QStringList, env);
    QFETCH(QString, active);
    QFETCH(QString, field);
    QFETCH(QString, value);
    QFETCH(ValueSource, source);
    QFETCH(QString, origin);
    QFETCH(QString, profileName);
    QFETCH(ValueSource, profileSource);
    QFETCH(bool, envOverridesProfile);

    QVERIFY(!m_store->setActive(active));
    const ResolvedConfig c = resolve(parseFlags(flags), env);
    const ResolvedValue v = ::field(c, field);
    QCOMPARE(v.value, value);
    QCOMPARE(v.source, source);
    QCOMPARE(v.origin, origin);
    QCOMPARE(v.isSet(), !value.isEmpty());
    QCOMPARE(c.profileName, profileName);
    QCOMPARE(c.profileSource, profileSource);
    QCOMPARE(c.profile.has_value(), profileName == u"prod" || profileName == u"dev" || profileName == u"bare");
    if (c.profile)
        QCOMPARE(c.profile->name, profileName);
    QCOMPARE(c.envOverridesProfile, envOverridesProfile);
    QCOMPARE(c.overridingVariables.isEmpty(), !envOverridesProfile);
    QVERIFY2(!c.error, qPrintable(c.error.message));
}

void TestConfigResolver::maskSecret_data()
{
    QTest::addColumn<QString>("secret");
    QTest::addColumn<QString>("masked");
    const QString ell(QChar(0x2026));
    QTest::newRow("empty") << QString() << QString();
    QTest::newRow("1 char") << QStringLiteral("x") << ell;
    QTest::newRow("11 chars") << QStringLiteral("abcdefghijk") << ell;
    QTest::newRow("12 chars") << QStringLiteral("abcdefghijkl")
                              << QString(QStringLiteral("abcd") + ell + QStringLiteral("ijkl"));
    QTest::newRow("uuid") << QStringLiteral("5f2c1b9e-0c3d-4e8f-9a7b-123456786666")
                          << QString(QStringLiteral("5f2c") + ell + QStringLiteral("6666"));
}

void TestConfigResolver::maskSecret()
{
    QFETCH(QString, secret);
    QFETCH(QString, masked);
    QCOMPARE(ConfigResolver::maskSecret(secret), masked);
}

void TestConfigResolver::describeValue_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<ValueSource>("source");
    QTest::addColumn<QString>("origin");
    QTest::addColumn<bool>("secret");
    QTest::addColumn<QString>("text");
    const QString uuid = QStringLiteral("5f2c1b9e-0c3d-4e8f-9a7b-123456786666");
    QTest::newRow("env secret") << uuid << ValueSource::Environment << QStringLiteral("NANGO_SECRET_KEY_PROD") << true
                                << QString::fromUtf8("NANGO_SECRET_KEY_PROD (environment) = 5f2c…6666");
    QTest::newRow("flag secret") << uuid << ValueSource::Flag << QStringLiteral("--key") << true
                                 << QString::fromUtf8("--key (command line) = 5f2c…6666");
    QTest::newRow("short keychain secret")
        << QStringLiteral("short") << ValueSource::Keychain << QStringLiteral("keychain prod/nango-key") << true
        << QString::fromUtf8("keychain prod/nango-key = …");
    QTest::newRow("profile URL") << QStringLiteral("https://nango.prod.example.com") << ValueSource::Profile
                                 << QStringLiteral("profile prod") << false
                                 << QStringLiteral("profile prod = https://nango.prod.example.com");
    QTest::newRow("default URL") << QStringLiteral("https://api.nango.dev") << ValueSource::Default
                                 << QStringLiteral("default") << false
                                 << QStringLiteral("default = https://api.nango.dev");
    QTest::newRow("unset") << QString() << ValueSource::None << QString() << true << QStringLiteral("not set");
}

void TestConfigResolver::describeValue()
{
    QFETCH(QString, value);
    QFETCH(ValueSource, source);
    QFETCH(QString, origin);
    QFETCH(bool, secret);
    QFETCH(QString, text);
    const ResolvedValue v { value, source, origin };
    QCOMPARE(v.describe(secret), text);
}

void TestConfigResolver::describeNeverShowsFullSecret()
{
    QVERIFY(!m_store->setActive(QStringLiteral("prod")));
    const QString envKey = QStringLiteral("5f2c1b9e-0c3d-4e8f-9a7b-123456786666");
    const ResolvedConfig c = resolve(ConfigFlags {}, { QStringLiteral("NANGO_SECRET_KEY_PROD=") + envKey });
    const QStringList lines = c.describe();
    const QStringList expected {
        QStringLiteral("Profile: prod (active profile)"),
        QStringLiteral("Nango base URL: profile prod = https://nango.prod.example.com"),
        QString::fromUtf8("Nango secret key: NANGO_SECRET_KEY_PROD (environment) = 5f2c…6666"),
        QStringLiteral("Panora URL: profile prod = https://panora.prod.example.com"),
        QString::fromUtf8("Panora API key: keychain prod/panora-key = prod…y-03"),
        QString::fromUtf8("Panora connection token: keychain prod/panora-connection-token = prod…n-04"),
        QStringLiteral("Environment variables override profile prod: NANGO_SECRET_KEY_PROD"),
    };
    QCOMPARE(lines, expected);
    const QString all = lines.join(u'\n');
    for (const QString &secret : { envKey, ProdPanoraKey, ProdPanoraToken, ProdKeychainKey }) {
        QVERIFY2(!all.contains(secret), qPrintable(secret));
        QVERIFY(!all.contains(secret.mid(2, 8))); // not even the middle
    }
}

void TestConfigResolver::keychainNotAskedWhenEnvOrFlagSupplies()
{
    QVERIFY(!m_store->setActive(QStringLiteral("prod")));
    const ResolvedConfig c = resolve(parseFlags({ QStringLiteral("panoraToken=tok-flag") }),
        { QStringLiteral("NANGO_SECRET_KEY=env-key"), QStringLiteral("PANORA_API_KEY=pk") });
    QCOMPARE(c.nangoKey.source, ValueSource::Environment);
    QCOMPARE(c.panoraKey.source, ValueSource::Environment);
    QCOMPARE(c.panoraConnectionToken.source, ValueSource::Flag);
    QCOMPARE(m_lookups, QStringList {}); // an env-only setup must work without a keychain

    m_lookups.clear();
    resolve(ConfigFlags {}, {});
    QCOMPARE(m_lookups,
        (QStringList { QStringLiteral("prod/nango-key"), QStringLiteral("prod/panora-key"),
            QStringLiteral("prod/panora-connection-token") }));
}

void TestConfigResolver::unknownProfileFlagIsConfigError()
{
    QVERIFY(!m_store->setActive(QStringLiteral("dev")));
    const ResolvedConfig c = resolve(parseFlags({ QStringLiteral("profile=prdo") }),
        { QStringLiteral("NANGO_SECRET_KEY_PRDO=k"), QStringLiteral("NANGO_SECRET_KEY=p") });
    QCOMPARE(c.error.kind, Error::Kind::Config);
    QCOMPARE(c.error.message, QStringLiteral("There is no saved profile named 'prdo'."));
    QVERIFY(c.error.hint.contains(QStringLiteral("NANGO_ENV=prdo")));
    QCOMPARE(c.profileName, QStringLiteral("prdo"));
    QCOMPARE(c.profileSource, ValueSource::Flag);
    QVERIFY(!c.profile);
    QCOMPARE(c.nangoKey.origin, QStringLiteral("NANGO_SECRET_KEY_PRDO")); // still resolved, for --verbose

    const ResolvedConfig bad = resolve(parseFlags({ QStringLiteral("profile=a b") }), {});
    QCOMPARE(bad.error.kind, Error::Kind::Config);
    QCOMPARE(bad.profileName, QString());
    QCOMPARE(bad.profileSource, ValueSource::None); // the active "dev" is not silently used instead
}

void TestConfigResolver::invalidNangoEnvIgnoredWithWarning()
{
    QVERIFY(!m_store->setActive(QStringLiteral("dev")));
    const ResolvedConfig c = resolve(ConfigFlags {}, { QStringLiteral("NANGO_ENV=eu.prod") });
    QVERIFY(!c.error);
    QCOMPARE(c.warnings,
        QStringList { QStringLiteral("NANGO_ENV='eu.prod' is not a usable profile name and was ignored.") });
    QCOMPARE(c.profileName, QStringLiteral("dev"));
    QCOMPARE(c.profileSource, ValueSource::Profile);
}

void TestConfigResolver::profileAttributesCarriedOver()
{
    ResolvedConfig c = resolve(parseFlags({ QStringLiteral("profile=prod") }), {});
    QVERIFY(c.production);
    QVERIFY(!c.allowInsecureHttp);
    QCOMPARE(c.nangoMapping, Profile::NangoMapping::RecordsAndActions);

    c = resolve(parseFlags({ QStringLiteral("profile=dev") }), {});
    QVERIFY(!c.production);
    QVERIFY(c.allowInsecureHttp);
    QCOMPARE(c.nangoMapping, Profile::NangoMapping::CompatiblePaths);
    QCOMPARE(c.nangoBase.value, QStringLiteral("http://nango.dev.internal:3003"));

    // Environment alone: the seed's compatible paths, no production guard, insecure only by flag.
    c = resolve(ConfigFlags {}, { QStringLiteral("NANGO_API_BASE=http://10.0.0.5:3003") });
    QCOMPARE(c.nangoMapping, Profile::NangoMapping::CompatiblePaths);
    QVERIFY(!c.production);
    QVERIFY(!c.allowInsecureHttp);
    c = resolve(parseFlags({ QStringLiteral("insecure=1") }), {});
    QVERIFY(c.allowInsecureHttp);
}

void TestConfigResolver::worksWithoutStore()
{
    const QProcessEnvironment env = environment({ QStringLiteral("NANGO_ENV=prod"),
        QStringLiteral("NANGO_SECRET_KEY_PROD=k-prod"), QStringLiteral("PANORA_API_URL=https://panora.example.com/") });
    const ResolvedConfig c = ConfigResolver::resolve(ConfigFlags {}, env, nullptr);
    QCOMPARE(c.profileName, QStringLiteral("prod"));
    QVERIFY(!c.profile);
    QCOMPARE(c.nangoKey.value, QStringLiteral("k-prod"));
    QCOMPARE(c.nangoBase.source, ValueSource::Default);
    QCOMPARE(c.panoraUrl.value, QStringLiteral("https://panora.example.com"));
    QCOMPARE(c.panoraKey.source, ValueSource::None);
}

// What the CLI's `secret set` note and the Profiles dialog show: the variable that wins over the keychain.
void TestConfigResolver::overridingVariableFollowsPrecedence_data()
{
    QTest::addColumn<QString>("profile");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QStringList>("env");
    QTest::addColumn<QString>("expected");
    const QString nango = ConfigResolver::nangoKeyName();
    QTest::newRow("none set") << QStringLiteral("dev") << nango << QStringList() << QString();
    QTest::newRow("suffixed wins") << QStringLiteral("dev") << nango
                                   << QStringList { QStringLiteral("NANGO_SECRET_KEY=a"),
                                          QStringLiteral("NANGO_SECRET_KEY_DEV=b") }
                                   << QStringLiteral("NANGO_SECRET_KEY_DEV");
    QTest::newRow("blank suffixed is unset")
        << QStringLiteral("dev") << nango
        << QStringList { QStringLiteral("NANGO_SECRET_KEY=a"), QStringLiteral("NANGO_SECRET_KEY_DEV= ") }
        << QStringLiteral("NANGO_SECRET_KEY");
    QTest::newRow("another profile's suffix does not count")
        << QStringLiteral("dev") << nango << QStringList { QStringLiteral("NANGO_SECRET_KEY_PROD=b") } << QString();
    QTest::newRow("panora key") << QStringLiteral("dev") << ConfigResolver::panoraKeyName()
                                << QStringList { QStringLiteral("PANORA_API_KEY=k") }
                                << QStringLiteral("PANORA_API_KEY");
    QTest::newRow("unknown secret") << QStringLiteral("dev") << QStringLiteral("nope")
                                    << QStringList { QStringLiteral("NANGO_SECRET_KEY=a") } << QString();
}

void TestConfigResolver::overridingVariableFollowsPrecedence()
{
    QFETCH(QString, profile);
    QFETCH(QString, name);
    QFETCH(QStringList, env);
    QFETCH(QString, expected);
    QCOMPARE(ConfigResolver::overridingVariable(profile, name, environment(env)), expected);
}

QTEST_GUILESS_MAIN(TestConfigResolver)
#include "tst_configresolver.moc"
