# cd to this folder, then: gnuplot partition-saving.gp
set terminal svg size 960,520 dynamic font 'Helvetica,12'
set output 'partition-saving.svg'
set datafile separator '\t'
set datafile missing 'NaN'
set grid ytics
set title 'Edge energy without and with partitioning' noenhanced
set xlabel 'architecture' noenhanced
set ylabel 'edge energy per inference (mJ)' noenhanced
set yrange [0:*]
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.85 border -1
set boxwidth 0.75
set key outside right top
set xtics rotate by -30 nomirror
set xrange [-0.6:2.6]
plot 'partition-saving.dat' using 2:xtic(1) title 'without partition' noenhanced, \
     '' using 3 title 'with partition' noenhanced
set terminal pngcairo size 960,520 font 'Helvetica,11'
set output 'partition-saving.png'
replot
set terminal pdfcairo size 6in,3.25in font 'Helvetica,10'
set output 'partition-saving.pdf'
replot
unset output
