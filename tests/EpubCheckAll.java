// EpubCheckAll.java — epubcheck on every EPUB given, in one JVM: epubcheck's own start-up (the
// JVM, its schemas) costs some 10 s, its checks a fraction of that.  Each FILE gets FILE.json, the
// report `epubcheck FILE --json FILE.json` would write; tests/epub.test.sh reads them.  Run with the
// JDK's source launcher:  java -cp /usr/share/java/epubcheck.jar tests/EpubCheckAll.java FILE...
public class EpubCheckAll {
    public static void main(String[] files) {
        int status = 0;
        for (String file : files)
            status |= new com.adobe.epubcheck.tool.EpubChecker().run(new String[] {file, "--json", file + ".json", "-q"});
        System.exit(status);
    }
}
