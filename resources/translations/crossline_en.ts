<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>crossline::BrowserPage</name>
    <message numerus="yes">
        <source>%n match(es)</source>
        <translation>
            <numerusform>%n match</numerusform>
            <numerusform>%n matches</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) loaded in %1 ms</source>
        <translation>
            <numerusform>%n row loaded in %1 ms</numerusform>
            <numerusform>%n rows loaded in %1 ms</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>[%n item(s)] — see Raw JSON</source>
        <translation>
            <numerusform>[%n item] — see Raw JSON</numerusform>
            <numerusform>[%n items] — see Raw JSON</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>crossline::ConnectionsPage</name>
    <message numerus="yes">
        <source>%n connection(s) · loaded in %1 ms</source>
        <translation>
            <numerusform>%n connection · loaded in %1 ms</numerusform>
            <numerusform>%n connections · loaded in %1 ms</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>crossline::JsonTree</name>
    <message numerus="yes">
        <source>{%n key(s)}</source>
        <translation>
            <numerusform>{%n key}</numerusform>
            <numerusform>{%n keys}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>[%n item(s)]</source>
        <translation>
            <numerusform>[%n item]</numerusform>
            <numerusform>[%n items]</numerusform>
        </translation>
    </message>
</context>
</TS>
